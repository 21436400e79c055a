// Display helpers for notifications.

// How each type reads in a sentence ("Email for assignment").
export const TYPE_LABELS = {
  assignment: 'assignment',
  transfer: 'transfer',
  escalation: 'escalation',
  sla_warning: 'SLA warning',
  sla_breach: 'SLA breach',
  task_completed: 'task completed',
  mention: 'mention',
  password_reset: 'password reset',
  digest: 'digest',
  unassigned: 'unassigned tickets',
  generic: 'other notifications',
}

export const typeLabel = (type) => TYPE_LABELS[type] || String(type || '').replace(/_/g, ' ')

// A notification's link may be absolute (http://localhost:1000/tickets/X#comment-3, built
// from TTS_WEB_URL) or a path; the app navigates to its path part. '' when there is none.
export function linkPath(link) {
  if (!link) return ''
  try {
    const url = new URL(link, window.location.origin)
    if (!/^https?:$/.test(url.protocol)) return ''
    return `${url.pathname}${url.search}${url.hash}` || '/'
  } catch {
    return ''
  }
}

export function formatTime(iso, now = Date.now()) {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const seconds = Math.round((now - date.getTime()) / 1000)
  if (seconds >= 0 && seconds < 60) return 'just now'
  if (seconds >= 0 && seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds >= 0 && seconds < 86400) {
    const hours = Math.floor(seconds / 3600)
    return `${hours} hour${hours === 1 ? '' : 's'} ago`
  }
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function formatFullTime(iso) {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' })
}
