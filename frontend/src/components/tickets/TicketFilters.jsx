import { useEffect, useState } from 'react'

import { PRIORITIES, TICKET_STATUSES } from '../../api/tickets.js'

const label = (value) => value.replace(/_/g, ' ')

export const SORTS = [
  ['-created_at', 'Newest first'],
  ['created_at', 'Oldest first'],
  ['-updated_at', 'Recently updated'],
  ['-priority', 'Most urgent first'],
  ['sla_due_at', 'SLA due soonest'],
  ['status', 'Status'],
  ['-number', 'Number (descending)'],
  ['number', 'Number (ascending)'],
]
export const DEFAULT_SORT = '-created_at'
const TEXT_FIELDS = ['search', 'category', 'subcategory', 'department']
export const FILTER_KEYS = [
  'status', 'priority', 'category', 'subcategory', 'department', 'requester', 'assignee',
  'created_after', 'created_before', 'search', 'ordering',
]

// The list's filters. `values` come from the URL; `onChange(patch)` writes them back there.
// Selects and dates apply at once; text fields when the form is submitted.
export default function TicketFilters({ values, onChange, onClear, userId, isAgent }) {
  const [text, setText] = useState(() => pickText(values))
  const textKey = TEXT_FIELDS.map((key) => values[key] || '').join('\u0000')
  // back/forward or "Clear" changed the URL: show what it now says
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setText(pickText(values)), [textKey])

  const submit = (event) => {
    event.preventDefault()
    onChange(text)
  }
  const select = (key) => (event) => onChange({ [key]: event.target.value })
  const input = (key) => (event) => setText((current) => ({ ...current, [key]: event.target.value }))

  return (
    <form className="ticket-filters" role="search" aria-label="Filter tickets" onSubmit={submit}>
      <div className="filter filter-search">
        <label htmlFor="filter-search">Search</label>
        <input id="filter-search" type="search" value={text.search} onChange={input('search')} placeholder="Number, subject or description" />
      </div>
      <div className="filter">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={values.status || ''} onChange={select('status')}>
          <option value="">Any status</option>
          {TICKET_STATUSES.map((status) => (
            <option key={status} value={status}>
              {label(status)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-priority">Priority</label>
        <select id="filter-priority" value={values.priority || ''} onChange={select('priority')}>
          <option value="">Any priority</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priority}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-category">Category</label>
        <input id="filter-category" value={text.category} onChange={input('category')} />
      </div>
      <div className="filter">
        <label htmlFor="filter-subcategory">Subcategory</label>
        <input id="filter-subcategory" value={text.subcategory} onChange={input('subcategory')} />
      </div>
      <div className="filter">
        <label htmlFor="filter-department">Department</label>
        <input id="filter-department" value={text.department} onChange={input('department')} />
      </div>
      {isAgent && (
        <>
          <div className="filter">
            <label htmlFor="filter-assignee">Assignee</label>
            <select id="filter-assignee" value={values.assignee || ''} onChange={select('assignee')}>
              <option value="">Anyone</option>
              {userId !== undefined && userId !== null && <option value={String(userId)}>Me</option>}
              <option value="none">Unassigned</option>
            </select>
          </div>
          <div className="filter">
            <label htmlFor="filter-requester">Requester</label>
            <select id="filter-requester" value={values.requester || ''} onChange={select('requester')}>
              <option value="">Anyone</option>
              {userId !== undefined && userId !== null && <option value={String(userId)}>Me</option>}
            </select>
          </div>
        </>
      )}
      <div className="filter">
        <label htmlFor="filter-created-after">Created from</label>
        <input id="filter-created-after" type="date" value={values.created_after || ''} onChange={select('created_after')} />
      </div>
      <div className="filter">
        <label htmlFor="filter-created-before">Created until</label>
        <input id="filter-created-before" type="date" value={values.created_before || ''} onChange={select('created_before')} />
      </div>
      <div className="filter">
        <label htmlFor="filter-ordering">Sort by</label>
        <select id="filter-ordering" value={values.ordering || DEFAULT_SORT} onChange={select('ordering')}>
          {SORTS.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
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

function pickText(values) {
  return Object.fromEntries(TEXT_FIELDS.map((key) => [key, values[key] || '']))
}
