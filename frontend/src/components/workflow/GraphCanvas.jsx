import { useEffect, useRef } from 'react'
import ReactFlow, { Background, Controls } from 'reactflow'
import 'reactflow/dist/style.css'

import { SelectContext, edgeTypes, nodeTypes } from './FlowParts.jsx'
import { END_ID } from './graph.js'

const DELETE_KEYS = ['Delete', 'Backspace']
export const FIT = { padding: 0.2, maxZoom: 1.2 }
// End only receives, and nothing leaves it.
const validConnection = (connection) => connection.source !== END_ID && Boolean(connection.target)

// The drawing of a graph. Editing goes through the callbacks; with `readOnly` nothing
// moves, connects or deletes, but a click still selects (to read a step's details).
export default function GraphCanvas({ nodes, edges, readOnly, onNodesChange, onEdgesChange, onConnect, onSelect, onInit, label }) {
  const box = useRef(null)
  const instance = useRef(null)
  // The layout changed width (a phone turned, the side panel stacked): fit the graph again.
  useEffect(() => {
    const node = box.current
    if (!node || typeof ResizeObserver === 'undefined') return undefined
    let width = node.clientWidth
    const observer = new ResizeObserver(() => {
      if (Math.abs(node.clientWidth - width) < 60) return
      width = node.clientWidth
      instance.current?.fitView(FIT)
    })
    observer.observe(node)
    return () => observer.disconnect()
  }, [])
  const init = (flow) => {
    instance.current = flow
    onInit?.(flow)
  }

  return (
    <div className="wf-canvas" role="group" aria-label={label} ref={box}>
      <SelectContext.Provider value={onSelect}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={readOnly ? undefined : onConnect}
          isValidConnection={validConnection}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable
          deleteKeyCode={readOnly ? null : DELETE_KEYS}
          fitView
          fitViewOptions={FIT}
          minZoom={0.2}
          onInit={init}
          proOptions={{ hideAttribution: false }}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </SelectContext.Provider>
    </div>
  )
}
