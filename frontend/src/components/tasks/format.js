// Small display helpers for the task pages.
export const OPEN_ITEM_STATUSES = ['waiting', 'assigned', 'in_progress']

export const words = (value) => (value || '').replace(/_/g, ' ')

export function formatDateTime(value) {
  if (!value) return '—'
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return '—'
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

// The open item of the task's current step (the one its holder works on), if any.
export function currentItem(task) {
  if (!task?.current_step || !Array.isArray(task.items)) return null
  const open = task.items.filter(
    (item) => String(item.step_id) === String(task.current_step.id) && OPEN_ITEM_STATUSES.includes(item.status),
  )
  return open.length ? open.reduce((a, b) => (b.id > a.id ? b : a)) : null
}

// actor_id (a string) → a name, from what the task already knows.
export function actorName(actorId, task, me) {
  if (!actorId) return 'System'
  if (me && String(me.id) === String(actorId)) return 'You'
  for (const item of task?.items || []) {
    if (item.assignee && String(item.assignee.id) === String(actorId)) return item.assignee.name || item.assignee.email
  }
  if (task?.owner_id && String(task.owner_id) === String(actorId) && task.owner_name) return task.owner_name
  return /^\d+$/.test(String(actorId)) ? `User #${actorId}` : String(actorId)
}

// An ApiError → {message for an alert, fields: {field: message}}.
export function errorParts(error, fieldNames = []) {
  const fields = {}
  let message = ''
  const apiFields = error?.fields || {}
  for (const name of fieldNames) if (apiFields[name]) fields[name] = apiFields[name]
  const others = Object.entries(apiFields).filter(([name]) => !fieldNames.includes(name))
  if (others.length) message = others.map(([, text]) => text).join(' ')
  else if (!Object.keys(fields).length) {
    // {"detail": ["..."]} (a ValidationError on "detail") arrives as a list
    const listed = Array.isArray(error?.body?.detail) ? error.body.detail.join(' ') : ''
    message = listed || error?.detail || error?.message || 'Something went wrong.'
  }
  return { message, fields }
}
