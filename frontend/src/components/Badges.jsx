const label = (value) => (value || '').replace(/_/g, ' ')

export function StatusBadge({ status }) {
  return <span className={`badge status-${status}`}>{label(status)}</span>
}

export function PriorityBadge({ priority }) {
  return <span className={`badge priority-${priority}`}>{label(priority)}</span>
}

// SLA state as the API names it: on_track, at_risk, breached, paused (or none).
export function SlaBadge({ state }) {
  if (!state) return null
  return <span className={`badge sla-${state}`}>{label(state)}</span>
}
