import { useState } from 'react'

import { END_ID, END_STATUSES, LABEL_MAX, isStep, stepLabel, transitionError } from './graph.js'
import { capitalise } from './properties.js'

// Steps by name, with the id added where two share a name.
export function stepOptions(nodes) {
  const steps = nodes.filter(isStep)
  const counts = {}
  for (const node of steps) counts[stepLabel(node)] = (counts[stepLabel(node)] || 0) + 1
  return steps.map((node) => ({ value: node.id, text: counts[stepLabel(node)] > 1 ? `${stepLabel(node)} (${node.id})` : stepLabel(node) }))
}

// The keyboard (and test) way to connect two steps: what dragging from handle to handle
// does on the canvas.
export default function ConnectForm({ nodes, edges, onAdd }) {
  const [values, setValues] = useState({ from: '', to: '', label: '', endStatus: 'resolved' })
  const [error, setError] = useState('')
  const options = stepOptions(nodes)
  const ids = new Set(options.map((o) => o.value))
  // a step deleted meanwhile is no longer a choice
  const from = ids.has(values.from) ? values.from : ''
  const to = values.to === END_ID || ids.has(values.to) ? values.to : ''
  const set = (key) => (event) => setValues((current) => ({ ...current, [key]: event.target.value }))

  const submit = (event) => {
    event.preventDefault()
    const problem = transitionError(edges, { from, to, label: values.label })
    setError(problem)
    if (problem) return
    onAdd({ from, to, label: values.label.trim(), endStatus: values.endStatus })
    setValues((current) => ({ ...current, label: '' }))
  }

  return (
    <form className="wf-connect" onSubmit={submit} aria-labelledby="wf-connect-heading" noValidate>
      <h2 id="wf-connect-heading">Connect steps</h2>
      <div className="wf-connect-fields">
        <div>
          <label htmlFor="wf-connect-from">From</label>
          <select id="wf-connect-from" value={from} onChange={set('from')}>
            <option value="">Choose a step</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="wf-connect-to">To</label>
          <select id="wf-connect-to" value={to} onChange={set('to')}>
            <option value="">Choose a step or End</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
            <option value={END_ID}>End</option>
          </select>
        </div>
        <div>
          <label htmlFor="wf-connect-label">Label</label>
          <input id="wf-connect-label" value={values.label} onChange={set('label')} maxLength={LABEL_MAX} aria-invalid={Boolean(error)} aria-describedby={error ? 'wf-connect-error' : undefined} />
        </div>
        {to === END_ID && (
          <div>
            <label htmlFor="wf-connect-status">End status</label>
            <select id="wf-connect-status" value={values.endStatus} onChange={set('endStatus')}>
              {END_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {capitalise(status)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {error && (
        <p id="wf-connect-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={!options.length}>
          Add transition
        </button>
      </div>
    </form>
  )
}
