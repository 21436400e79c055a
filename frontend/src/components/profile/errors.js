// ApiError → messages for a form: {field: "message"} (renamed to the form's keys) and
// one message for the form as a whole.
export function apiErrors(error, rename = {}) {
  const fields = {}
  for (const [key, value] of Object.entries(error?.fields || {})) fields[rename[key] || key] = value
  return fields
}

export function formError(error, known) {
  if (!error) return ''
  if (error.status === 429) {
    return error.retryAfter ? `Too many attempts. Try again in ${error.retryAfter} seconds.` : error.detail
  }
  const stray = Object.entries(error.fields || {})
    .filter(([key]) => !known.includes(key))
    .map(([, message]) => message)
  if (stray.length) return stray.join(' ')
  if (Object.keys(error.fields || {}).length) return 'Please correct the marked fields.'
  return error.detail
}

export const describedBy = (...ids) => ids.filter(Boolean).join(' ') || undefined
