npm i -D husky lint-staged
npx husky init
echo "npx lint-staged" > .husky/pre-commit
