import { createContext, memo, useContext } from 'react'
import { BaseEdge, EdgeLabelRenderer, Handle, Position, getBezierPath } from 'reactflow'

import { edgeRoute } from './graph.js'
import { capitalise } from './properties.js'

// Lets an edge's label select its edge (reactflow only selects on the path itself).
export const SelectContext = createContext(() => {})

function Problems({ messages }) {
  if (!messages?.length) return null
  return (
    <ul className="wf-inline-problems">
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  )
}

export const StepNode = memo(function StepNode({ data, isConnectable }) {
  return (
    <div className={`wf-node${data.is_start ? ' wf-node-start' : ''}`}>
      <Handle type="target" position={Position.Left} isConnectable={isConnectable} />
      {data.is_start && <span className="wf-node-tag">Start</span>}
      <strong className="wf-node-name">{String(data.name || '').trim() || 'Unnamed step'}</strong>
      <span className="wf-node-role">{data.roleName || (data.role_id ? `Role #${data.role_id}` : 'No role')}</span>
      <Problems messages={data.problems} />
      <Handle type="source" position={Position.Right} isConnectable={isConnectable} />
    </div>
  )
})

export const EndNode = memo(function EndNode({ isConnectable }) {
  return (
    <div className="wf-end">
      <Handle type="target" position={Position.Left} isConnectable={isConnectable} />
      End
    </div>
  )
})

export const TransitionEdge = memo(function TransitionEdge(props) {
  const { id, data, markerEnd, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props
  const select = useContext(SelectContext)
  const route = edgeRoute({ sourceX, sourceY, targetX, targetY })
  const [path, labelX, labelY] = route
    ? [route.path, route.labelX, route.labelY]
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
  const problems = data?.problems || []
  const label = String(data?.label || '').trim()
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={24} />
      <EdgeLabelRenderer>
        <div
          className={`wf-edge-label nodrag nopan${problems.length ? ' wf-edge-label-problem' : ''}${selected ? ' wf-edge-label-selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          onClick={() => select('edge', id)}
        >
          {label || <em>No label</em>}
          {data?.toEnd && <span className={`wf-edge-status badge status-${data.end_status}`}>{capitalise(data.end_status)}</span>}
          <Problems messages={problems} />
        </div>
      </EdgeLabelRenderer>
    </>
  )
})

// Module constants: reactflow re-renders everything when these objects change identity.
export const nodeTypes = { step: StepNode, end: EndNode }
export const edgeTypes = { transition: TransitionEdge }
