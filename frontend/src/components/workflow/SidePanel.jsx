import { END_ID, END_STATUSES, ASSIGNMENT_MODES, LABEL_MAX, NAME_MAX, stepLabel } from './graph.js'
import { capitalise } from './properties.js'

function ProblemNotes({ id, messages }) {
  if (!messages?.length) return null
  return (
    <ul id={id} className="wf-panel-problems">
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  )
}

const roleValue = (value) => (value === null || value === undefined ? '' : String(value))
const roleFrom = (value) => (value === '' ? null : Number(value))

// The roles a select offers, plus the one a step names if the list does not have it
// (a deleted role, or the list failed to load).
function RoleOptions({ roles, current, currentName, empty }) {
  const known = roles.some((role) => String(role.id) === roleValue(current))
  return (
    <>
      <option value="">{empty}</option>
      {roles.map((role) => (
        <option key={role.id} value={role.id}>
          {role.name}
        </option>
      ))}
      {!known && current !== null && current !== undefined && current !== '' && (
        <option value={current}>{currentName || `Role #${current}`} (not in the role list)</option>
      )}
    </>
  )
}

export function StepPanel({ node, roles, rolesError, readOnly, onChange, onDelete, nameRef }) {
  const d = node.data
  const problems = d.problems || []
  const set = (key, convert = (v) => v) => (event) => onChange({ [key]: convert(event.target.value) })
  return (
    <section className="wf-panel" aria-labelledby="wf-step-heading">
      <h2 id="wf-step-heading">Step: {stepLabel(node)}</h2>
      <ProblemNotes id="wf-step-problems" messages={problems} />
      <fieldset disabled={readOnly} className="wf-plain-fieldset">
        <label htmlFor="wf-step-name">Step name</label>
        <input ref={nameRef} id="wf-step-name" value={d.name} onChange={set('name')} maxLength={NAME_MAX} aria-invalid={problems.length > 0} aria-describedby={problems.length ? 'wf-step-problems' : undefined} />

        <label htmlFor="wf-step-role">Role</label>
        <select id="wf-step-role" value={roleValue(d.role_id)} onChange={set('role_id', roleFrom)}>
          <RoleOptions roles={roles} current={d.role_id} currentName={d.role_name} empty="Choose a role" />
        </select>
        {rolesError && <span className="field-error">The roles could not be loaded.</span>}

        <label htmlFor="wf-step-weight">Weight</label>
        <input
          id="wf-step-weight"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={d.weight}
          onChange={set('weight', (v) => (v === '' ? '' : Number(v)))}
          aria-describedby="wf-step-weight-hint"
        />
        <span id="wf-step-weight-hint" className="hint">
          The step&apos;s share of the resolution SLA.
        </span>

        <label htmlFor="wf-step-escalate">Escalation role</label>
        <select id="wf-step-escalate" value={roleValue(d.escalate_to_role_id)} onChange={set('escalate_to_role_id', roleFrom)}>
          <RoleOptions roles={roles} current={d.escalate_to_role_id} empty="None" />
        </select>

        <label htmlFor="wf-step-instructions">Instructions</label>
        <textarea id="wf-step-instructions" rows={4} value={d.instructions} onChange={set('instructions')} />

        <label htmlFor="wf-step-mode">Assignment mode</label>
        <select id="wf-step-mode" value={d.assignment_mode} onChange={set('assignment_mode')}>
          {ASSIGNMENT_MODES.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>

        <div className="checkbox">
          <input id="wf-step-start" type="checkbox" checked={Boolean(d.is_start)} onChange={(event) => onChange({ is_start: event.target.checked })} aria-describedby="wf-step-start-hint" />
          <label htmlFor="wf-step-start">Start step</label>
        </div>
        <span id="wf-step-start-hint" className="hint">
          Tickets begin here; making this the start takes it from the other steps.
        </span>
      </fieldset>
      {!readOnly && (
        <div className="form-actions">
          <button type="button" className="danger" onClick={onDelete}>
            Delete step
          </button>
        </div>
      )}
    </section>
  )
}

export function TransitionPanel({ edge, nodes, readOnly, onChange, onDelete }) {
  const d = edge.data
  const problems = d.problems || []
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n]))
  const toEnd = edge.target === END_ID
  return (
    <section className="wf-panel" aria-labelledby="wf-edge-heading">
      <h2 id="wf-edge-heading">Transition: {String(d.label || '').trim() || 'no label'}</h2>
      <p className="wf-edge-route">
        From <strong>{stepLabel(byId[edge.source])}</strong> to <strong>{toEnd ? 'End' : stepLabel(byId[edge.target])}</strong>
      </p>
      <ProblemNotes id="wf-edge-problems" messages={problems} />
      <fieldset disabled={readOnly} className="wf-plain-fieldset">
        <label htmlFor="wf-edge-label">Transition label</label>
        <input id="wf-edge-label" value={d.label} onChange={(event) => onChange({ label: event.target.value })} maxLength={LABEL_MAX} aria-invalid={problems.length > 0} aria-describedby={problems.length ? 'wf-edge-problems' : 'wf-edge-label-hint'} />
        <span id="wf-edge-label-hint" className="hint">
          The button the assignee presses, e.g. “Approve”.
        </span>
        {toEnd && (
          <>
            <label htmlFor="wf-edge-status">Transition end status</label>
            <select id="wf-edge-status" value={d.end_status} onChange={(event) => onChange({ end_status: event.target.value })}>
              {END_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {capitalise(status)}
                </option>
              ))}
            </select>
          </>
        )}
      </fieldset>
      {!readOnly && (
        <div className="form-actions">
          <button type="button" className="danger" onClick={onDelete}>
            Delete transition
          </button>
        </div>
      )}
    </section>
  )
}
