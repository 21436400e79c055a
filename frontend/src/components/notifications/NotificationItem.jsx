// One notification in the full list, with its actions.
import { Link } from 'react-router-dom'

import { formatFullTime, formatTime, linkPath, typeLabel } from './format.js'

export default function NotificationItem({ notification, busy, onToggleRead, onDelete, onOpen }) {
  const path = linkPath(notification.link)
  const titleId = `notification-${notification.id}-title`
  const label = typeLabel(notification.type)
  return (
    <li className={notification.is_read ? 'notif-row' : 'notif-row notif-unread'}>
      <div className="notif-row-main">
        <p className="notif-row-head">
          <span className="notif-dot" aria-hidden="true" />
          <strong id={titleId} className="notif-title">
            {notification.title}
          </strong>
          {!notification.is_read && <span className="badge notif-unread-badge">Unread</span>}
        </p>
        {notification.body && <p className="notif-body">{notification.body}</p>}
        <p className="notif-meta">
          <span className="badge">{label.charAt(0).toUpperCase() + label.slice(1)}</span>{' '}
          <time dateTime={notification.created_at} title={formatFullTime(notification.created_at)}>
            {formatTime(notification.created_at)}
          </time>
        </p>
      </div>
      <div className="notif-actions">
        {path && (
          <Link className="button" to={path} onClick={() => onOpen(notification)} aria-label={`Open “${notification.title}”`}>
            Open
          </Link>
        )}
        <button
          type="button"
          onClick={() => onToggleRead(notification)}
          disabled={busy}
          aria-label={`${notification.is_read ? 'Mark unread' : 'Mark read'}: “${notification.title}”`}
        >
          {notification.is_read ? 'Mark unread' : 'Mark read'}
        </button>
        <button type="button" className="danger" onClick={() => onDelete(notification)} disabled={busy} aria-label={`Delete “${notification.title}”`}>
          Delete
        </button>
      </div>
    </li>
  )
}
