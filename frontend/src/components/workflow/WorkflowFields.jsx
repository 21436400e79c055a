import { FieldError } from '../States.jsx'
import { SLA_KEYS, SLA_PRIORITIES, WORKFLOW_PRIORITIES, capitalise, minutesHint } from './properties.js'

// A workflow's properties as form fields (the new-workflow dialog and the editor share
// them). `values` from workflowToForm; `onChange(patch)`; `errors` {field: message},
// SLA errors keyed "urgent.resolution_minutes".
export default function WorkflowFields({ prefix, values, errors = {}, onChange, calendars, withSla = false, disabled = false }) {
  const id = (key) => `${prefix}-${key}`
  const described = (key) => (errors[key] ? `${id(key)}-error` : undefined)
  const text = (key) => (event) => onChange({ [key]: event.target.value })
  const calendarList = calendars?.data?.results || []
  const setSla = (priority, key) => (event) =>
    onChange({ sla: { ...values.sla, [priority]: { ...values.sla[priority], [key]: event.target.value } } })

  return (
    <fieldset className="wf-plain-fieldset" disabled={disabled}>
      <label htmlFor={id('name')}>Workflow name</label>
      <input id={id('name')} value={values.name} onChange={text('name')} maxLength={150} required aria-required="true" aria-invalid={Boolean(errors.name)} aria-describedby={described('name')} />
      <FieldError id={`${id('name')}-error`} error={errors.name} />

      <label htmlFor={id('description')}>Description</label>
      <textarea id={id('description')} rows={2} value={values.description} onChange={text('description')} aria-invalid={Boolean(errors.description)} aria-describedby={described('description')} />
      <FieldError id={`${id('description')}-error`} error={errors.description} />

      <div className="form-row">
        <div>
          <label htmlFor={id('department')}>Department</label>
          <input id={id('department')} value={values.department} onChange={text('department')} maxLength={100} required aria-required="true" aria-invalid={Boolean(errors.department)} aria-describedby={described('department')} />
          <FieldError id={`${id('department')}-error`} error={errors.department} />
        </div>
        <div>
          <label htmlFor={id('category')}>Category</label>
          <input id={id('category')} value={values.category} onChange={text('category')} maxLength={100} required aria-required="true" aria-invalid={Boolean(errors.category)} aria-describedby={described('category')} />
          <FieldError id={`${id('category')}-error`} error={errors.category} />
        </div>
      </div>

      <div className="form-row">
        <div>
          <label htmlFor={id('subcategory')}>Subcategory</label>
          <input id={id('subcategory')} value={values.subcategory} onChange={text('subcategory')} maxLength={100} aria-invalid={Boolean(errors.subcategory)} aria-describedby={described('subcategory')} />
          <FieldError id={`${id('subcategory')}-error`} error={errors.subcategory} />
        </div>
        <div>
          <label htmlFor={id('priority')}>Priority</label>
          <select id={id('priority')} value={values.priority} onChange={text('priority')} aria-invalid={Boolean(errors.priority)} aria-describedby={described('priority')}>
            <option value="">Any priority</option>
            {WORKFLOW_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {capitalise(priority)}
              </option>
            ))}
          </select>
          <FieldError id={`${id('priority')}-error`} error={errors.priority} />
        </div>
      </div>

      <label htmlFor={id('calendar')}>Calendar</label>
      <select id={id('calendar')} value={values.calendar} onChange={text('calendar')} aria-invalid={Boolean(errors.calendar)} aria-describedby={[described('calendar'), `${id('calendar')}-hint`].filter(Boolean).join(' ')}>
        <option value="">Around the clock (no calendar)</option>
        {calendarList.map((calendar) => (
          <option key={calendar.id} value={String(calendar.id)}>
            {calendar.name}
          </option>
        ))}
        {values.calendar && !calendarList.some((c) => String(c.id) === values.calendar) && <option value={values.calendar}>Calendar #{values.calendar}</option>}
      </select>
      <span id={`${id('calendar')}-hint`} className="hint">
        {calendars?.error ? 'The calendars could not be loaded.' : 'When the SLA clock runs.'}
      </span>
      <FieldError id={`${id('calendar')}-error`} error={errors.calendar} />

      <div className="checkbox">
        <input id={id('default')} type="checkbox" checked={values.is_default} onChange={(event) => onChange({ is_default: event.target.checked })} aria-describedby={[described('is_default'), `${id('default')}-hint`].filter(Boolean).join(' ')} />
        <label htmlFor={id('default')}>Default workflow</label>
      </div>
      <span id={`${id('default')}-hint`} className="hint">
        Used for tickets no other workflow matches.
      </span>
      <FieldError id={`${id('is_default')}-error`} error={errors.is_default} />

      {withSla && (
        <fieldset className="wf-sla" aria-describedby={`${id('sla')}-hint`}>
          <legend>SLA targets</legend>
          <span id={`${id('sla')}-hint`} className="hint">
            In minutes of the calendar&apos;s working time. A priority left blank has no target.
          </span>
          <FieldError id={`${id('sla_targets')}-error`} error={errors.sla_targets} />
          <div className="wf-sla-grid">
            {SLA_PRIORITIES.map((priority) =>
              SLA_KEYS.map(([key, words]) => {
                const fieldId = id(`sla-${priority}-${key}`)
                const error = errors[`${priority}.${key}`]
                const hint = minutesHint(values.sla[priority][key])
                return (
                  <div key={`${priority}-${key}`}>
                    <label htmlFor={fieldId}>
                      {capitalise(priority)} {words} (minutes)
                    </label>
                    <input
                      id={fieldId}
                      type="number"
                      min={1}
                      step={1}
                      inputMode="numeric"
                      value={values.sla[priority][key]}
                      onChange={setSla(priority, key)}
                      aria-invalid={Boolean(error)}
                      aria-describedby={error ? `${fieldId}-error` : hint ? `${fieldId}-hint` : undefined}
                    />
                    {hint && !error && (
                      <span id={`${fieldId}-hint`} className="hint">
                        = {hint}
                      </span>
                    )}
                    <FieldError id={`${fieldId}-error`} error={error} />
                  </div>
                )
              }),
            )}
          </div>
        </fieldset>
      )}
    </fieldset>
  )
}
