// Small display helpers shared by the ticket and comment pieces.
export function formatDateTime(iso) {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function formatSize(bytes) {
  if (bytes === undefined || bytes === null) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

const FINISHED = new Set(['resolved', 'closed', 'rejected'])

// The list gives sla_due_at only; an open ticket past it is plainly breached.
export function slaState(ticket, now = Date.now()) {
  if (!ticket?.sla_due_at || FINISHED.has(ticket.status)) return null
  return new Date(ticket.sla_due_at).getTime() < now ? 'breached' : null
}

export const personName = (person) => (person ? person.name || person.email || `User ${person.id}` : '')
