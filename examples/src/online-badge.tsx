// A status badge of the example web client: it shows whether the browser is online
// and how many notifications are unread. `LeakyOnlineBadge` is the shape that ships
// everywhere; `OnlineBadge` is its correct twin.
import { useEffect, useState } from 'react';

/** The client's notification store: `subscribe` returns the function that ends the subscription. */
export interface NotificationStore {
  unreadCount(): number;
  subscribe(listener: () => void): () => void;
}

/**
 * Leaks: every mount (and every change of `store`) adds two more window listeners and
 * one more store subscription, and none of them goes when the badge unmounts: they
 * keep calling `setState` on a component that is gone.
 */
export function LeakyOnlineBadge({ store }: { store: NotificationStore }) {
  const [online, setOnline] = useState(navigator.onLine);
  const [unread, setUnread] = useState(store.unreadCount());
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update); // expect: asyncleak/no-floating-subscription
    window.addEventListener('offline', update); // expect: asyncleak/no-floating-subscription
    store.subscribe(() => setUnread(store.unreadCount())); // expect: asyncleak/no-floating-subscription
  }, [store]);
  return (
    <span className={online ? 'online' : 'offline'}>
      {unread > 0 ? unread : ''}
    </span>
  );
}

/** Correct twin: the cleanup removes both listeners and ends the subscription. */
export function OnlineBadge({ store }: { store: NotificationStore }) {
  const [online, setOnline] = useState(navigator.onLine);
  const [unread, setUnread] = useState(store.unreadCount());
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    const unsubscribe = store.subscribe(() => setUnread(store.unreadCount()));
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      unsubscribe();
    };
  }, [store]);
  return (
    <span className={online ? 'online' : 'offline'}>
      {unread > 0 ? unread : ''}
    </span>
  );
}
