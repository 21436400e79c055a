// A workflow's properties and SLA targets: the API's shape ⇄ the form's strings.

// Most urgent first, as people read an SLA table.
export const SLA_PRIORITIES = ['urgent', 'high', 'medium', 'low']
export const WORKFLOW_PRIORITIES = ['low', 'medium', 'high', 'urgent']
export const WORKFLOW_STATUSES = ['draft', 'published', 'archived']
export const SLA_KEYS = [
  ['first_response_minutes', 'first response'],
  ['resolution_minutes', 'resolution'],
]
// Fields the properties form shows (API errors on others go to the form as a whole).
export const PROPERTY_FIELDS = ['name', 'description', 'department', 'category', 'subcategory', 'priority', 'calendar', 'is_default', 'sla_targets']

export const capitalise = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '')

const minutesText = (value) => (value === null || value === undefined ? '' : String(value))

export function slaToForm(targets) {
  return Object.fromEntries(
    SLA_PRIORITIES.map((priority) => [
      priority,
      Object.fromEntries(SLA_KEYS.map(([key]) => [key, minutesText(targets?.[priority]?.[key])])),
    ]),
  )
}

// The form → {sla_targets, errors}; a priority left blank has no target, so it is left out.
export function formToSla(form) {
  const targets = {}
  const errors = {}
  for (const priority of SLA_PRIORITIES) {
    const row = {}
    for (const [key] of SLA_KEYS) {
      const text = String(form?.[priority]?.[key] ?? '').trim()
      if (!text) continue
      const minutes = Number(text)
      if (!/^\d+$/.test(text) || minutes < 1) errors[`${priority}.${key}`] = 'A whole number of minutes, at least 1.'
      else row[key] = minutes
    }
    if (Object.keys(row).length) targets[priority] = row
  }
  return { sla_targets: targets, errors }
}

export function workflowToForm(workflow) {
  return {
    name: workflow?.name ?? '',
    description: workflow?.description ?? '',
    department: workflow?.department ?? '',
    category: workflow?.category ?? '',
    subcategory: workflow?.subcategory ?? '',
    priority: workflow?.priority ?? '',
    calendar: workflow?.calendar === null || workflow?.calendar === undefined ? '' : String(workflow.calendar),
    is_default: Boolean(workflow?.is_default),
    sla: slaToForm(workflow?.sla_targets),
  }
}

// Required text first, as the model has it (department and category may not be blank).
export function validateWorkflow(values) {
  const errors = {}
  if (!String(values.name || '').trim()) errors.name = 'Enter a name.'
  if (!String(values.department || '').trim()) errors.department = 'Enter a department.'
  if (!String(values.category || '').trim()) errors.category = 'Enter a category.'
  return errors
}

// The form → {fields for POST/PATCH, errors}.
export function formToWorkflow(values, { withSla = true } = {}) {
  const errors = validateWorkflow(values)
  const fields = {
    name: values.name.trim(),
    description: values.description.trim(),
    department: values.department.trim(),
    category: values.category.trim(),
    subcategory: values.subcategory.trim(),
    priority: values.priority || '',
    calendar: values.calendar === '' ? null : Number(values.calendar),
    is_default: Boolean(values.is_default),
  }
  if (withSla) {
    const sla = formToSla(values.sla)
    Object.assign(errors, sla.errors)
    fields.sla_targets = sla.sla_targets
  }
  return { fields, errors }
}

// 90 → "1 h 30 min": a reading aid next to a minutes field.
export function minutesHint(text) {
  const minutes = Number(String(text ?? '').trim())
  if (!String(text ?? '').trim() || !Number.isInteger(minutes) || minutes < 1) return ''
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(' ')
}
