// /notifications: every notification (paged, filterable), actions, and preferences.
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'

import { NOTIFICATION_TYPES, deleteNotification, markAllRead, markRead } from '../api/notifications.js'
import { Pagination, countLabel } from '../components/Pagination.jsx'
import { ErrorMessage, Loading } from '../components/States.jsx'
import NotificationItem from '../components/notifications/NotificationItem.jsx'
import NotificationPreferences from '../components/notifications/NotificationPreferences.jsx'
import { typeLabel } from '../components/notifications/format.js'
import { useNotifications } from '../components/notifications/hooks.js'
import { announce, useNotificationEvents } from '../components/notifications/sync.js'
import '../styles/notifications.css'

const PAGE_SIZE = 20
const FILTER_TYPES = NOTIFICATION_TYPES.filter((type) => type !== 'password_reset')
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1)

export default function NotificationsPage() {
  const [search, setSearch] = useSearchParams()
  const page = Math.max(1, Number.parseInt(search.get('page'), 10) || 1)
  const unreadOnly = search.get('unread') === '1'
  const type = search.get('type') || ''
  const filtered = unreadOnly || !!type
  const { data, error, loading, reload, setData } = useNotifications({
    page,
    page_size: PAGE_SIZE,
    is_read: unreadOnly ? 'false' : undefined,
    type: type || undefined,
  })
  const [busyId, setBusyId] = useState(null)
  const [busyAll, setBusyAll] = useState(false)
  const [message, setMessage] = useState('')
  const [actionError, setActionError] = useState(null)

  // A pushed notification lands on the first page; the bell marking some read changes them.
  useNotificationEvents((detail) => {
    if (detail.source === 'page') return
    if (detail.kind === 'live' && page !== 1) return
    reload()
  })

  const update = (changes) => {
    const next = new URLSearchParams(search)
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || value === null || value === undefined || value === false) next.delete(key)
      else next.set(key, String(value))
    }
    setSearch(next)
  }

  const act = async (id, work, done) => {
    setBusyId(id)
    setActionError(null)
    setMessage('')
    try {
      const answer = await work()
      announce('changed', { source: 'page' })
      done?.(answer)
    } catch (caught) {
      setActionError(caught)
    } finally {
      setBusyId(null)
    }
  }

  const replaceItem = (item) =>
    setData({ ...data, results: data.results.map((one) => (one.id === item.id ? { ...one, ...item } : one)) })

  const toggleRead = (notification) =>
    act(notification.id, () => markRead(notification.id, !notification.is_read), (answer) => {
      setMessage(notification.is_read ? 'Marked as unread.' : 'Marked as read.')
      if (unreadOnly) reload()
      else replaceItem(answer && answer.id !== undefined ? answer : { id: notification.id, is_read: !notification.is_read })
    })

  const remove = (notification) =>
    act(notification.id, () => deleteNotification(notification.id), () => {
      setMessage('Notification deleted.')
      if (data.results.length === 1 && page > 1) update({ page: page - 1 })
      else reload()
    })

  // Following a notification's link reads it.
  const open = (notification) => {
    if (notification.is_read) return
    markRead(notification.id, true).then(
      () => announce('changed', { source: 'page' }),
      () => {},
    )
  }

  const readAll = async () => {
    setBusyAll(true)
    setActionError(null)
    setMessage('')
    try {
      const answer = await markAllRead()
      const marked = Number(answer?.marked) || 0
      setMessage(marked ? `Marked ${marked} notification${marked === 1 ? '' : 's'} as read.` : 'Everything was already read.')
      announce('changed', { source: 'page' })
      reload()
    } catch (caught) {
      setActionError(caught)
    } finally {
      setBusyAll(false)
    }
  }

  const results = data?.results || []

  return (
    <section className="notifications-page">
      <div className="page-head">
        <h1>Notifications</h1>
        <button type="button" onClick={readAll} disabled={busyAll}>
          {busyAll ? 'Marking…' : 'Mark all read'}
        </button>
      </div>

      <form className="notif-filters" role="search" aria-label="Filter notifications" onSubmit={(event) => event.preventDefault()}>
        <div className="notif-filter-check">
          <input id="notif-unread-only" type="checkbox" checked={unreadOnly} onChange={(event) => update({ unread: event.target.checked ? '1' : '', page: '' })} />
          <label htmlFor="notif-unread-only">Unread only</label>
        </div>
        <div>
          <label htmlFor="notif-type">Type</label>
          <select id="notif-type" value={type} onChange={(event) => update({ type: event.target.value, page: '' })}>
            <option value="">All types</option>
            {FILTER_TYPES.map((one) => (
              <option key={one} value={one}>
                {capital(typeLabel(one))}
              </option>
            ))}
          </select>
        </div>
      </form>

      <p role="status" className="notif-message">
        {message}
      </p>
      <ErrorMessage error={actionError} />

      {loading && !data && <Loading label="Loading notifications…" />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && !error && results.length === 0 && (
        <p className="state state-empty">
          {filtered ? 'No notifications match these filters.' : 'You have no notifications.'}
        </p>
      )}
      {results.length > 0 && (
        <>
          <p className="result-count muted">
            {countLabel(data.count, 'notification', 'notifications')}
          </p>
          <ul className="notif-list" aria-label="Notifications" aria-busy={loading}>
            {results.map((notification) => (
              <NotificationItem
                key={notification.id}
                notification={notification}
                busy={busyId === notification.id}
                onToggleRead={toggleRead}
                onDelete={remove}
                onOpen={open}
              />
            ))}
          </ul>
          <Pagination page={page} pageSize={PAGE_SIZE} count={data.count} next={data.next} onPage={(next) => update({ page: next > 1 ? next : '' })} />
        </>
      )}

      <NotificationPreferences />
    </section>
  )
}
