import { useEffect, useId, useState } from 'react'

import { SLA_STATES, TASK_PRIORITIES } from '../../api/workflow.js'
import { words } from './format.js'

// URL keys of the task list. status, priority, workflow and search go to the API; sla is
// applied to the page shown (the API has no SLA filter).
export const TASK_FILTER_KEYS = ['search', 'status', 'priority', 'sla', 'workflow']
// "mine" only lists steps one holds, so completed tasks never show there.
const STATUSES = ['active', 'on_hold']

export default function TaskFilters({ values, workflows = [], onChange, onClear }) {
  const id = useId()
  const [search, setSearch] = useState(values.search || '')
  useEffect(() => setSearch(values.search || ''), [values.search])
  const filtered = TASK_FILTER_KEYS.some((key) => values[key])

  const select = (key, label, options, any) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={values[key] || ''} onChange={(e) => onChange({ [key]: e.target.value })}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
  const plain = (list) => list.map((value) => ({ value, label: words(value).replace(/^./, (c) => c.toUpperCase()) }))

  return (
    <form
      className="task-filters"
      role="search"
      aria-label="Filter tasks"
      onSubmit={(e) => {
        e.preventDefault()
        onChange({ search: search.trim() })
      }}
    >
      <div className="field filter-search">
        <label htmlFor={`${id}-search`}>Search</label>
        <div className="search-row">
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            placeholder="Ticket number or subject"
            onChange={(e) => setSearch(e.target.value)}
          />
          <button type="submit">Search</button>
        </div>
      </div>
      {select('status', 'Status', plain(STATUSES), 'Any status')}
      {select('priority', 'Priority', plain(TASK_PRIORITIES), 'Any priority')}
      {select('sla', 'SLA state', plain(SLA_STATES), 'Any SLA state')}
      {select(
        'workflow',
        'Workflow',
        workflows.map((w) => ({ value: String(w.id), label: w.name })),
        'Any workflow',
      )}
      {filtered && (
        <div className="filter-actions">
          <button type="button" onClick={onClear}>
            Clear filters
          </button>
        </div>
      )}
    </form>
  )
}
