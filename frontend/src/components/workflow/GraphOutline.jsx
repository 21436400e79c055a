import { END_ID, isStep, stepLabel } from './graph.js'
import { capitalise } from './properties.js'

export const transitionText = (edge, byId) =>
  `${stepLabel(byId[edge.source])} → ${edge.target === END_ID ? 'End' : stepLabel(byId[edge.target])}: ${String(edge.data?.label || '').trim() || 'no label'}`

function Messages({ messages }) {
  if (!messages?.length) return null
  return (
    <ul className="wf-inline-problems">
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  )
}

// Every problem of the last save or publish; each names (and can select) its step or transition.
export function ProblemList({ title, problems, nodes, edges, onSelect }) {
  if (!problems?.length) return null
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n]))
  const edgeById = Object.fromEntries(edges.map((e) => [e.id, e]))
  const targets = (problem) => {
    const found = []
    for (const id of [problem.node, ...(problem.nodes || [])]) {
      if (id !== undefined && byId[String(id)]) found.push({ kind: 'node', id: String(id), text: stepLabel(byId[String(id)]) })
    }
    if (problem.edge !== undefined && edgeById[String(problem.edge)]) {
      found.push({ kind: 'edge', id: String(problem.edge), text: `transition ${transitionText(edgeById[String(problem.edge)], byId)}` })
    }
    return found
  }
  return (
    <section className="wf-problems" aria-labelledby="wf-problems-heading" role="alert">
      <h2 id="wf-problems-heading">Problems ({problems.length})</h2>
      {title && <p>{title}</p>}
      <ul aria-label="Problems">
        {problems.map((problem, index) => (
          <li key={index}>
            <span>{problem.message}</span>
            {targets(problem).map((target) => (
              <button key={`${target.kind}-${target.id}`} type="button" className="wf-text-button" onClick={() => onSelect(target.kind, target.id)}>
                Show {target.text}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  )
}

// The graph as text: reachable by keyboard and screen readers, and the way to select a
// step or transition without the canvas.
export function GraphOutline({ nodes, edges, onSelect }) {
  const steps = nodes.filter(isStep)
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n]))
  return (
    <section className="wf-outline" aria-labelledby="wf-outline-heading">
      <h2 id="wf-outline-heading">Steps and transitions</h2>
      <div className="wf-outline-columns">
        <div>
          <h3 id="wf-outline-steps">Steps</h3>
          {steps.length === 0 ? (
            <p className="muted">No steps yet.</p>
          ) : (
            <ul aria-labelledby="wf-outline-steps" className="wf-outline-list">
              {steps.map((node) => (
                <li key={node.id} className={node.data.problems?.length ? 'wf-outline-problem' : undefined}>
                  <button type="button" className="wf-text-button" aria-pressed={Boolean(node.selected)} onClick={() => onSelect('node', node.id)}>
                    {stepLabel(node)}
                  </button>
                  {node.data.is_start && <span className="badge wf-start-badge">Start</span>}{' '}
                  <span className="muted">{node.data.roleName || 'no role'}</span>
                  <Messages messages={node.data.problems} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 id="wf-outline-transitions">Transitions</h3>
          {edges.length === 0 ? (
            <p className="muted">No transitions yet.</p>
          ) : (
            <ul aria-labelledby="wf-outline-transitions" className="wf-outline-list">
              {edges.map((edge) => (
                <li key={edge.id} className={edge.data.problems?.length ? 'wf-outline-problem' : undefined}>
                  <button type="button" className="wf-text-button" aria-pressed={Boolean(edge.selected)} onClick={() => onSelect('edge', edge.id)}>
                    {transitionText(edge, byId)}
                  </button>
                  {edge.target === END_ID && <span className={`badge status-${edge.data.end_status}`}>{capitalise(edge.data.end_status)}</span>}
                  <Messages messages={edge.data.problems} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  )
}
