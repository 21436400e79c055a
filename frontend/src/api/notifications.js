// notification_service: the signed-in user's in-app notifications and preferences.
import { api } from './http.js'

const one = (id) => `/api/v1/notifications/${encodeURIComponent(id)}/`

// Every type notification_service knows (tts_common.messages.NOTIFICATION_TYPES).
export const NOTIFICATION_TYPES = [
  'assignment',
  'transfer',
  'escalation',
  'sla_warning',
  'sla_breach',
  'task_completed',
  'mention',
  'password_reset',
  'digest',
  'unassigned',
  'generic',
]

// GET → {count, next, previous, results: [{id, type, title, body, link, data, is_read, created_at}]},
// newest first; filters is_read (true|false), type; page, page_size (≤ 100).
export const listNotifications = (params = {}) => api.get('/api/v1/notifications/', params)
export const getNotification = (id) => api.get(one(id))
// → the notification
export const markRead = (id, isRead = true) => api.patch(one(id), { is_read: isRead })
// → null (204)
export const deleteNotification = (id) => api.delete(one(id))
// → {unread: n}
export const getUnreadCount = () => api.get('/api/v1/notifications/unread-count/')
// → {marked: n}
export const markAllRead = () => api.post('/api/v1/notifications/mark-all-read/')
// → {"<type>": {in_app, email}, ...} for every type
export const getPreferences = () => api.get('/api/v1/notifications/preferences/')
// A PUT may name only some types; answers with every type.
export const setPreferences = (preferences) => api.put('/api/v1/notifications/preferences/', preferences)
