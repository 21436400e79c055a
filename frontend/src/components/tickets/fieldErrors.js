// ApiError → {field: "message"}, also for list fields whose errors DRF keys by index
// ({"attachments": {"0": ["..."]}}), which ApiError.fields leaves out.
export function fieldErrors(error) {
  const fields = { ...(error?.fields || {}) }
  for (const [key, value] of Object.entries(error?.body || {})) {
    if (key === 'detail' || fields[key] || !value || typeof value !== 'object' || Array.isArray(value)) continue
    fields[key] = Object.values(value).flat().join(' ')
  }
  return fields
}

// The message for the form as a whole: the detail, or fields the form has no place for.
export function formErrorText(error, known) {
  if (!error) return ''
  if (error.status === 429) {
    return error.retryAfter
      ? `You have created many tickets recently. Try again in ${error.retryAfter} seconds.`
      : error.detail
  }
  const fields = fieldErrors(error)
  const stray = Object.entries(fields)
    .filter(([key]) => !known.includes(key))
    .map(([, message]) => message)
  if (Object.keys(fields).length && !stray.length) return 'Please correct the marked fields.'
  if (stray.length) return stray.join(' ')
  return error.detail
}
