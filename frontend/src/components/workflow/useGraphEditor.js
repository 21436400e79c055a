import { useCallback, useMemo, useRef, useState } from 'react'
import { applyEdgeChanges, applyNodeChanges } from 'reactflow'

import {
  END_ID,
  addStep as addStepTo,
  addTransition as addTransitionTo,
  autoLayout,
  needsLayout,
  removeStep as removeStepFrom,
  removeTransition as removeTransitionFrom,
  toFlow,
  updateStep as updateStepIn,
  updateTransition as updateTransitionIn,
} from './graph.js'

// Changes reactflow reports that alter what would be saved (moving End does not: its
// position is not stored; selecting and measuring never do).
function changesGraph(changes, kind) {
  return changes.some(
    (c) => c.type === 'remove' || c.type === 'add' || (kind === 'node' && c.type === 'position' && c.position && c.id !== END_ID),
  )
}

const selectOnly = (items, id) =>
  items.map((item) => (Boolean(item.selected) === (item.id === id) ? item : { ...item, selected: item.id === id }))

// The editing state of one graph: reactflow nodes and edges (undecorated), whether they
// differ from what was loaded, and the problems last reported for them.
export function useGraphEditor() {
  const [nodes, setNodes] = useState([])
  const [edges, setEdges] = useState([])
  const [dirty, setDirty] = useState(false)
  const [problems, setProblems] = useState([])
  // Until someone drags a step (or a graph with stored positions is loaded), each new
  // transition lays the graph out again, so a graph built from the forms stays readable.
  const arranged = useRef(false)

  const load = useCallback((graph, options) => {
    arranged.current = Boolean(graph.nodes?.length) && !needsLayout(graph.nodes)
    const flow = toFlow(graph, options)
    setNodes(flow.nodes)
    setEdges(flow.edges)
    setDirty(false)
    return flow
  }, [])

  const onNodesChange = useCallback((changes) => {
    setNodes((current) => applyNodeChanges(changes, current))
    if (changes.some((c) => c.type === 'position' && c.dragging)) arranged.current = true
    if (changesGraph(changes, 'node')) setDirty(true)
  }, [])
  const onEdgesChange = useCallback((changes) => {
    setEdges((current) => applyEdgeChanges(changes, current))
    if (changesGraph(changes, 'edge')) setDirty(true)
  }, [])

  const select = useCallback((kind, id) => {
    setNodes((current) => selectOnly(current, kind === 'node' ? id : null))
    setEdges((current) => selectOnly(current, kind === 'edge' ? id : null))
  }, [])

  // Computed from the current state (not inside an updater) so the new id can be returned.
  const addStep = useCallback(() => {
    const result = addStepTo(nodes)
    setNodes(selectOnly(result.nodes, result.id))
    setEdges((current) => selectOnly(current, null))
    setDirty(true)
    return result.id
  }, [nodes])

  const addTransition = useCallback(
    (fields) => {
      const result = addTransitionTo(edges, fields)
      setEdges(result.edges)
      if (!arranged.current) setNodes(autoLayout(nodes, result.edges))
      setDirty(true)
      return result.id
    },
    [nodes, edges],
  )

  const updateStep = useCallback((id, patch) => {
    setNodes((current) => updateStepIn(current, id, patch))
    setDirty(true)
  }, [])
  const updateTransition = useCallback((id, patch) => {
    setEdges((current) => updateTransitionIn(current, id, patch))
    setDirty(true)
  }, [])

  const removeStep = useCallback(
    (id) => {
      const next = removeStepFrom(nodes, edges, id)
      setNodes(next.nodes)
      setEdges(next.edges)
      setDirty(true)
    },
    [nodes, edges],
  )
  const removeTransition = useCallback((id) => {
    setEdges((current) => removeTransitionFrom(current, id))
    setDirty(true)
  }, [])

  const layout = useCallback(() => {
    setNodes((current) => autoLayout(current, edges))
    setDirty(true)
  }, [edges])

  const selectedNode = useMemo(() => nodes.find((n) => n.selected) || null, [nodes])
  const selectedEdge = useMemo(() => (selectedNode ? null : edges.find((e) => e.selected) || null), [edges, selectedNode])

  return {
    nodes,
    edges,
    dirty,
    problems,
    setProblems,
    load,
    onNodesChange,
    onEdgesChange,
    select,
    addStep,
    addTransition,
    updateStep,
    updateTransition,
    removeStep,
    removeTransition,
    layout,
    selectedNode,
    selectedEdge,
  }
}
