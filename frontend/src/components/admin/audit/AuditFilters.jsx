import { useEffect, useState } from 'react'

// The filters GET /api/v1/audit/ takes (audit.apis.AuditFilter), as they stand in the URL.
export const FILTER_KEYS = ['actor', 'action', 'object_type', 'object_id', 'since', 'until']
const TEXT_KEYS = ['actor', 'action', 'object_type', 'object_id']

// What workflow_api records today (free text is allowed: new actions appear over time).
const KNOWN_ACTIONS = [
  'calendar.created', 'calendar.updated', 'step.deleted', 'task.acted', 'task.assigned_by_admin',
  'task.escalated', 'task.held', 'task.item_started', 'task.resumed', 'task.sla_escalated',
  'task.started', 'task.transferred', 'task.workflow_assigned', 'workflow.archived', 'workflow.created',
  'workflow.deleted', 'workflow.graph_saved', 'workflow.published', 'workflow.updated',
]
const KNOWN_TYPES = ['calendar', 'task', 'workflow', 'workflowticket']

const pick = (values) => Object.fromEntries(TEXT_KEYS.map((key) => [key, values[key] || '']))

// Text fields apply when the form is submitted; the dates at once. `values` come from the
// URL and `onChange(patch)` writes them back there.
export default function AuditFilters({ values, onChange, onClear }) {
  const [text, setText] = useState(() => pick(values))
  const textKey = TEXT_KEYS.map((key) => values[key] || '').join('\u0000')
  // back/forward or "Clear" changed the URL: show what it now says
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setText(pick(values)), [textKey])

  const input = (key) => (event) => setText((current) => ({ ...current, [key]: event.target.value }))
  const submit = (event) => {
    event.preventDefault()
    onChange(Object.fromEntries(Object.entries(text).map(([key, value]) => [key, value.trim()])))
  }

  return (
    <form className="admin-filters" role="search" aria-label="Filter the audit log" onSubmit={submit}>
      <div className="filter">
        <label htmlFor="audit-actor">Actor (user id)</label>
        <input id="audit-actor" inputMode="numeric" value={text.actor} onChange={input('actor')} />
      </div>
      <div className="filter">
        <label htmlFor="audit-action">Action</label>
        <input id="audit-action" list="audit-actions" value={text.action} onChange={input('action')} placeholder="e.g. workflow.published" />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </div>
      <div className="filter">
        <label htmlFor="audit-object-type">Object type</label>
        <input id="audit-object-type" list="audit-object-types" value={text.object_type} onChange={input('object_type')} />
        <datalist id="audit-object-types">
          {KNOWN_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
      </div>
      <div className="filter">
        <label htmlFor="audit-object-id">Object id</label>
        <input id="audit-object-id" value={text.object_id} onChange={input('object_id')} />
      </div>
      <div className="filter">
        <label htmlFor="audit-since">From</label>
        <input id="audit-since" type="date" value={values.since || ''} onChange={(event) => onChange({ since: event.target.value })} />
      </div>
      <div className="filter">
        <label htmlFor="audit-until">Until (inclusive)</label>
        <input id="audit-until" type="date" value={values.until || ''} onChange={(event) => onChange({ until: event.target.value })} />
      </div>
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <button type="button" onClick={onClear}>
          Clear filters
        </button>
      </div>
    </form>
  )
}
