// The bell in the top bar: unread count (loaded once, then live from /ws/notifications/)
// and a dropdown of the most recent notifications.
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router-dom'

import { getUnreadCount, listNotifications, markAllRead, markRead } from '../../api/notifications.js'
import { useSocket } from '../../live/useSocket.js'
import { ErrorMessage, Loading } from '../States.jsx'
import { formatFullTime, formatTime, linkPath } from './format.js'
import { announce, useNotificationEvents } from './sync.js'
import '../../styles/notifications.css'

const RECENT = 10

// Newest first, each id once, at most RECENT.
function merge(first, second) {
  const seen = new Set()
  const out = []
  for (const item of [...first, ...second]) {
    if (!item || seen.has(item.id)) continue
    seen.add(item.id)
    out.push(item)
  }
  return out.slice(0, RECENT)
}

export function bellLabel(unread) {
  return unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'
}

function BellIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  )
}

export default function NotificationBell() {
  const panelId = useId()
  const [unread, setUnread] = useState(0)
  const [open, setOpen] = useState(false)
  const [items, setItems] = useState(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState(null)
  const [busy, setBusy] = useState(false)
  const wrapper = useRef(null)
  const button = useRef(null)
  const pushed = useRef([])

  const loadCount = useCallback(
    () =>
      getUnreadCount().then(
        (answer) => setUnread(Number(answer?.unread) || 0),
        () => {
          /* the badge stays as it was; the list page shows errors */
        },
      ),
    [],
  )

  const loadList = useCallback(async () => {
    pushed.current = []
    setLoading(true)
    setError(null)
    try {
      const page = await listNotifications({ page_size: RECENT })
      // anything pushed while the list was on its way stays on top
      setItems(merge(pushed.current, page?.results || []))
    } catch (caught) {
      setError(caught)
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    loadCount()
  }, [loadCount])

  useSocket('/ws/notifications/', (event) => {
    if (!event || event.type !== 'notification') return
    if (typeof event.unread === 'number') setUnread(event.unread)
    const notification = event.notification
    if (notification && notification.id !== undefined) {
      pushed.current = [notification, ...pushed.current]
      setItems((current) => merge([notification], current || []))
      announce('live', { notification, unread: event.unread, source: 'bell' })
    }
  })

  // The notifications page read or deleted some: the count (and open list) follow.
  useNotificationEvents((detail) => {
    if (detail.source === 'bell') return
    loadCount()
    if (open || items) loadList()
  })

  const close = useCallback((focusButton) => {
    setOpen(false)
    if (focusButton) button.current?.focus()
  }, [])

  useEffect(() => {
    if (!open) return undefined
    const onKey = (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation()
        close(true)
      }
    }
    const onPointer = (event) => {
      if (wrapper.current && !wrapper.current.contains(event.target)) close(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('mousedown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('mousedown', onPointer)
    }
  }, [open, close])

  const toggle = () => {
    if (!open) loadList()
    setOpen(!open)
  }

  const choose = (notification) => {
    setOpen(false)
    if (notification.is_read) return
    setItems((current) => (current || []).map((item) => (item.id === notification.id ? { ...item, is_read: true } : item)))
    setUnread((count) => Math.max(0, count - 1))
    markRead(notification.id, true).then(
      () => announce('changed', { source: 'bell' }),
      () => loadCount(),
    )
  }

  const readAll = async () => {
    setBusy(true)
    setError(null)
    try {
      await markAllRead()
      setUnread(0)
      setItems((current) => (current || []).map((item) => ({ ...item, is_read: true })))
      announce('changed', { source: 'bell' })
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="notif-bell" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="notif-bell-button"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="notif-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <div id={panelId} className="notif-panel" hidden={!open}>
        {open && (
          <>
            <div className="notif-panel-head">
              <h2 className="notif-panel-title">Recent notifications</h2>
              <button type="button" onClick={readAll} disabled={busy || unread === 0}>
                Mark all read
              </button>
            </div>
            <ErrorMessage error={error} onRetry={loadList} />
            {!items && loading && <Loading />}
            {items && items.length === 0 && !loading && <p className="state state-empty">You have no notifications.</p>}
            {items && items.length > 0 && (
              <ul className="notif-recent" aria-label="Recent notifications">
                {items.map((item) => (
                  <li key={item.id}>
                    <Link
                      to={linkPath(item.link) || '/notifications'}
                      className={item.is_read ? 'notif-item' : 'notif-item notif-unread'}
                      onClick={() => choose(item)}
                    >
                      <span className="notif-dot" aria-hidden="true" />
                      <span className="notif-item-text">
                        <span className="notif-title">{item.title}</span>{' '}
                        <time dateTime={item.created_at} title={formatFullTime(item.created_at)}>
                          {formatTime(item.created_at)}
                        </time>
                        <span className="visually-hidden">{item.is_read ? ', read' : ', unread'}</span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <p className="notif-panel-foot">
              <Link to="/notifications" onClick={() => setOpen(false)}>
                See all
              </Link>
            </p>
          </>
        )}
      </div>
    </div>
  )
}
