// The workflow graph in the editor: the API's shape ⇄ reactflow's nodes and edges, the
// auto-layout, client-side checks and the API's problems attached to nodes and edges.
// Pure functions only (no React, no reactflow import) so they are cheap to test.
//
// API (workflow_api/workflows/graph.py):
//   nodes [{id, name, role_id, role_name, instructions, weight, escalate_to_role_id,
//           assignment_mode, is_start, x, y}]
//   edges [{id, from, to (null = the end), label, end_status}]
// A version's frozen definition names them `steps` and `transitions` and has no x/y.
// reactflow: steps are nodes of type "step"; the end is one node of type "end" (END_ID),
// never sent; an edge to it is a transition with to=null and its end_status.

export const END_ID = '__end__'
export const END_STATUSES = ['resolved', 'rejected', 'closed']
export const ASSIGNMENT_MODES = [
  ['round_robin', 'Round robin'],
  ['least_loaded', 'Least loaded'],
]
export const NAME_MAX = 100 // Step.name
export const LABEL_MAX = 60 // Transition.label
export const COLUMN_WIDTH = 310
export const ROW_HEIGHT = 130

const ARROW = { type: 'arrowclosed', width: 18, height: 18 }

export const isStep = (node) => node.id !== END_ID

// ---- API → reactflow

export function stepNode(api) {
  return {
    id: String(api.id),
    type: 'step',
    position: { x: Number(api.x) || 0, y: Number(api.y) || 0 },
    data: {
      name: api.name ?? '',
      role_id: api.role_id ?? null,
      role_name: api.role_name ?? null,
      instructions: api.instructions ?? '',
      weight: api.weight ?? 1,
      escalate_to_role_id: api.escalate_to_role_id ?? null,
      assignment_mode: api.assignment_mode || 'round_robin',
      is_start: Boolean(api.is_start),
    },
  }
}

export function endNode(position = { x: 0, y: 0 }) {
  return { id: END_ID, type: 'end', position, deletable: false, data: {} }
}

export function transitionEdge(api) {
  const target = api.to === null || api.to === undefined || api.to === '' ? END_ID : String(api.to)
  return {
    id: String(api.id),
    source: String(api.from),
    target,
    type: 'transition',
    markerEnd: ARROW,
    data: { label: api.label ?? '', end_status: api.end_status || 'resolved' },
  }
}

// Every position missing or 0: a graph nobody has laid out (seeded, or built by the API).
export function needsLayout(apiNodes) {
  return apiNodes.length > 0 && apiNodes.every((n) => !Number(n.x) && !Number(n.y))
}

// {nodes, edges} of the API → {nodes, edges, laidOut} for reactflow, End included.
// `endAt` keeps the End node where the user left it (its position is not stored).
export function toFlow(graph, { endAt } = {}) {
  const apiNodes = graph?.nodes || []
  const steps = apiNodes.map(stepNode)
  const edges = (graph?.edges || []).map(transitionEdge)
  if (needsLayout(apiNodes)) {
    return { nodes: autoLayout([...steps, endNode()], edges), edges, laidOut: true }
  }
  return { nodes: [...steps, endNode(endAt || endPosition(steps, edges))], edges, laidOut: false }
}

// A version's definition as the graph shape (no positions: always laid out).
export function definitionToGraph(definition) {
  return {
    nodes: (definition?.steps || []).map((s) => ({ ...s, x: 0, y: 0 })),
    edges: (definition?.transitions || []).map((t) => ({ ...t })),
  }
}

// ---- reactflow → API

export function toApi(nodes, edges) {
  return {
    nodes: nodes.filter(isStep).map((node) => {
      const d = node.data
      return {
        id: node.id,
        name: String(d.name ?? '').trim(),
        role_id: d.role_id === '' || d.role_id === undefined ? null : d.role_id,
        instructions: d.instructions ?? '',
        weight: d.weight === '' || d.weight === undefined || d.weight === null ? 1 : Number(d.weight),
        escalate_to_role_id: d.escalate_to_role_id === '' || d.escalate_to_role_id === undefined ? null : d.escalate_to_role_id,
        assignment_mode: d.assignment_mode || 'round_robin',
        is_start: Boolean(d.is_start),
        x: Math.round(node.position?.x || 0),
        y: Math.round(node.position?.y || 0),
      }
    }),
    edges: edges.map((edge) => ({
      id: edge.id,
      from: edge.source,
      to: edge.target === END_ID ? null : edge.target,
      label: String(edge.data?.label ?? '').trim(),
      end_status: edge.data?.end_status || 'resolved',
    })),
  }
}

// ---- editing

// "tmp-3" after tmp-1 and tmp-2; the API treats any unknown id as a new step.
export function nextTempId(prefix, ids) {
  let highest = 0
  for (const id of ids) {
    const match = new RegExp(`^${prefix}(\\d+)$`).exec(String(id))
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return `${prefix}${highest + 1}`
}

// A new step below the others in the first column (the first one becomes the start).
export function addStep(nodes, fields = {}) {
  const steps = nodes.filter(isStep)
  const id = nextTempId('tmp-', steps.map((n) => n.id))
  const minX = steps.length ? Math.min(...steps.map((n) => n.position.x)) : 0
  const maxY = steps.length ? Math.max(...steps.map((n) => n.position.y)) : -ROW_HEIGHT
  const node = stepNode({
    id,
    name: `Step ${steps.length + 1}`,
    is_start: steps.length === 0,
    x: minX,
    y: maxY + ROW_HEIGHT,
    ...fields,
  })
  const rest = nodes.some((n) => n.id === END_ID) ? nodes : [...nodes, endNode({ x: minX + COLUMN_WIDTH, y: 0 })]
  return { nodes: [...rest, node], id }
}

// Why a transition cannot be added ('' when it can).
export function transitionError(edges, { from, to, label }) {
  if (!from) return 'Choose the step the transition leaves.'
  if (!to) return 'Choose where the transition goes.'
  const text = String(label || '').trim()
  if (!text) return 'Every transition needs a label.'
  if (text.length > LABEL_MAX) return `Keep the label to ${LABEL_MAX} characters.`
  if (edges.some((e) => e.source === from && String(e.data?.label || '').trim().toLowerCase() === text.toLowerCase())) {
    return `This step already has a transition labelled "${text}".`
  }
  return ''
}

export function addTransition(edges, { from, to, label = '', endStatus = 'resolved' }) {
  const id = nextTempId('tmp-e', edges.map((e) => e.id))
  const edge = transitionEdge({ id, from, to: to === END_ID ? null : to, label: String(label).trim(), end_status: endStatus })
  return { edges: [...edges, edge], id }
}

export function updateStep(nodes, id, patch) {
  // the API's role_name describes the role the step had when loaded
  const change = 'role_id' in patch ? { role_name: null, ...patch } : patch
  return nodes.map((node) => {
    if (node.id === id) return { ...node, data: { ...node.data, ...change } }
    // one start only: making a step the start takes it from the others
    if (patch.is_start && isStep(node) && node.data.is_start) return { ...node, data: { ...node.data, is_start: false } }
    return node
  })
}

export function updateTransition(edges, id, patch) {
  return edges.map((edge) => (edge.id === id ? { ...edge, data: { ...edge.data, ...patch } } : edge))
}

export function removeStep(nodes, edges, id) {
  if (id === END_ID) return { nodes, edges }
  return {
    nodes: nodes.filter((n) => n.id !== id),
    edges: edges.filter((e) => e.source !== id && e.target !== id),
  }
}

export function removeTransition(edges, id) {
  return edges.filter((e) => e.id !== id)
}

// ---- layout

// Where End goes when positions are stored: right of the rightmost step, level with the
// steps that end there.
export function endPosition(steps, edges) {
  const only = steps.filter(isStep)
  if (!only.length) return { x: 0, y: 0 }
  const maxX = Math.max(...only.map((n) => n.position.x))
  const enders = new Set(edges.filter((e) => e.target === END_ID).map((e) => e.source))
  const level = only.filter((n) => enders.has(n.id))
  const pool = level.length ? level : only
  const y = pool.reduce((sum, n) => sum + n.position.y, 0) / pool.length
  return { x: maxX + COLUMN_WIDTH, y: Math.round(y) }
}

// Layered layout: the column is the longest path from the start (back edges of loops
// ignored), the row orders a column by where its predecessors sit; End is the last column.
export function autoLayout(nodes, edges, { column = COLUMN_WIDTH, row = ROW_HEIGHT } = {}) {
  const steps = nodes.filter(isStep)
  const ids = steps.map((n) => n.id)
  const out = new Map(ids.map((id) => [id, []]))
  const incoming = new Map(ids.map((id) => [id, 0]))
  for (const edge of edges) {
    if (out.has(edge.source) && out.has(edge.target)) {
      out.get(edge.source).push(edge.target)
      if (edge.source !== edge.target) incoming.set(edge.target, incoming.get(edge.target) + 1)
    }
  }
  const start = steps.find((n) => n.data?.is_start)?.id
  const roots = [start, ...ids.filter((id) => incoming.get(id) === 0), ...ids].filter(Boolean)

  // depth-first from the roots: forward edges only (an edge back into the current path
  // closes a loop), discovery order for ties, finishing order for a topological order
  const state = new Map()
  const forward = new Map(ids.map((id) => [id, []]))
  const discovered = []
  const finished = []
  const visit = (root) => {
    const stack = [[root, 0]]
    state.set(root, 'open')
    discovered.push(root)
    while (stack.length) {
      const top = stack[stack.length - 1]
      const [id, index] = top
      const targets = out.get(id)
      if (index >= targets.length) {
        state.set(id, 'done')
        finished.push(id)
        stack.pop()
        continue
      }
      top[1] += 1
      const target = targets[index]
      if (!state.has(target)) {
        forward.get(id).push(target)
        state.set(target, 'open')
        discovered.push(target)
        stack.push([target, 0])
      } else if (state.get(target) === 'done') {
        forward.get(id).push(target)
      }
    }
  }
  for (const root of roots) if (!state.has(root)) visit(root)

  const depth = new Map(ids.map((id) => [id, 0]))
  for (const id of [...finished].reverse()) {
    for (const target of forward.get(id)) depth.set(target, Math.max(depth.get(target), depth.get(id) + 1))
  }
  const predecessors = new Map(ids.map((id) => [id, []]))
  for (const [id, targets] of forward) for (const target of targets) predecessors.get(target).push(id)

  const order = new Map(discovered.map((id, index) => [id, index]))
  const layers = []
  for (const id of discovered) {
    const d = depth.get(id)
    ;(layers[d] ||= []).push(id)
  }
  const y = new Map()
  layers.forEach((layer, d) => {
    const key = (id) => {
      const placed = predecessors.get(id).filter((p) => y.has(p))
      return placed.length ? placed.reduce((sum, p) => sum + y.get(p), 0) / placed.length : 0
    }
    const sorted = d === 0 ? layer : [...layer].sort((a, b) => key(a) - key(b) || order.get(a) - order.get(b))
    sorted.forEach((id, index) => y.set(id, (index - (sorted.length - 1) / 2) * row))
  })
  const lastColumn = layers.length
  const enders = edges.filter((e) => e.target === END_ID && y.has(e.source)).map((e) => y.get(e.source))
  const endY = enders.length ? enders.reduce((a, b) => a + b, 0) / enders.length : 0

  return nodes.map((node) =>
    node.id === END_ID
      ? { ...node, position: { x: lastColumn * column, y: Math.round(endY) } }
      : { ...node, position: { x: depth.get(node.id) * column, y: Math.round(y.get(node.id)) } },
  )
}

// ---- checks and problems

// The cheap subset of graph_problems (and of the PUT serializer), in the API's shape, so
// an obviously broken graph is not sent. The server remains the judge.
export function clientProblems(nodes, edges) {
  const steps = nodes.filter(isStep)
  const problems = []
  if (!steps.length) return [{ code: 'empty', message: 'The workflow has no steps.' }]
  const starts = steps.filter((n) => n.data.is_start).map((n) => n.id)
  if (starts.length !== 1) {
    problems.push({ code: 'start', message: `Exactly one step must be the start; found ${starts.length}.`, nodes: starts })
  }
  for (const node of steps) {
    const name = String(node.data.name ?? '').trim()
    if (!name) problems.push({ code: 'name', node: node.id, message: 'Every step needs a name.' })
    else if (name.length > NAME_MAX) problems.push({ code: 'name', node: node.id, message: `Keep a step's name to ${NAME_MAX} characters.` })
    if (node.data.role_id === null || node.data.role_id === undefined || node.data.role_id === '') {
      problems.push({ code: 'role', node: node.id, message: `Step "${name}" has no role.` })
    }
    const weight = node.data.weight
    if (weight === '' || !Number.isInteger(Number(weight)) || Number(weight) < 1) {
      problems.push({ code: 'weight', node: node.id, message: "A step's weight must be a whole number, at least 1." })
    }
  }
  const labels = new Map()
  for (const edge of edges) {
    const label = String(edge.data?.label ?? '').trim()
    if (!label) {
      problems.push({ code: 'label', edge: edge.id, message: 'Every transition needs a label.' })
      continue
    }
    if (label.length > LABEL_MAX) {
      problems.push({ code: 'label', edge: edge.id, message: `Keep a transition's label to ${LABEL_MAX} characters.` })
    }
    const seen = labels.get(edge.source) || new Set()
    if (seen.has(label.toLowerCase())) {
      problems.push({ code: 'label', edge: edge.id, message: `Two transitions of one step share the label "${label}".` })
    }
    seen.add(label.toLowerCase())
    labels.set(edge.source, seen)
  }
  return problems
}

const flatten = (value) =>
  Array.isArray(value) ? value.flatMap(flatten) : value && typeof value === 'object' ? Object.values(value).flatMap(flatten) : [String(value)]

// A 400 from PUT graph or publish → problems. `{"problems": [...]}` as they are; the
// serializer's per-item errors ({"nodes": [{}, {"name": ["..."]}]}) are named by the
// position of the node or edge in what was sent. null when the error is not about the graph.
export function problemsFromError(error, sent) {
  const body = error?.body
  if (!body || error.status !== 400) return null
  if (Array.isArray(body.problems)) return body.problems
  const problems = []
  for (const [key, kind] of [
    ['nodes', 'node'],
    ['edges', 'edge'],
  ]) {
    const value = body[key]
    if (!value) continue
    if (Array.isArray(value) && value.some((item) => item && typeof item === 'object' && !Array.isArray(item))) {
      value.forEach((item, index) => {
        if (!item || !Object.keys(item).length) return
        const id = sent?.[key]?.[index]?.id ?? (kind === 'edge' ? `#${index}` : undefined)
        for (const [field, messages] of Object.entries(item)) {
          problems.push({ code: field, [kind]: id, message: `${field.replace(/_/g, ' ')}: ${flatten(messages).join(' ')}` })
        }
      })
    } else {
      problems.push({ code: key, message: flatten(value).join(' ') })
    }
  }
  return problems.length ? problems : null
}

// problems → {nodes: {id: [message]}, edges: {id: [message]}}
export function indexProblems(problems = []) {
  const index = { nodes: {}, edges: {} }
  const add = (bucket, id, message) => {
    if (id === undefined || id === null) return
    ;(bucket[String(id)] ||= []).push(message)
  }
  for (const problem of problems) {
    add(index.nodes, problem.node, problem.message)
    for (const id of problem.nodes || []) add(index.nodes, id, problem.message)
    add(index.edges, problem.edge, problem.message)
  }
  return index
}

// Edge ids are the API's or temporary; one the API named by position ("#2") is the
// third edge that was sent.
export function edgeIdOf(problemEdge, edges) {
  const match = /^#(\d+)$/.exec(String(problemEdge))
  if (match) return edges[Number(match[1])]?.id
  return String(problemEdge)
}

// What the canvas draws: nodes and edges with their problems, a red outline class and
// the role's name; the editing state itself stays undecorated.
export function decorate(nodes, edges, problems, roleNames = {}) {
  const normalised = (problems || []).map((p) => (p.edge !== undefined ? { ...p, edge: edgeIdOf(p.edge, edges) } : p))
  const index = indexProblems(normalised)
  return {
    nodes: nodes.map((node) => {
      const messages = index.nodes[node.id] || []
      const roleId = node.data?.role_id
      const roleName = isStep(node) && roleId !== null && roleId !== undefined ? roleNames[roleId] || node.data.role_name || '' : ''
      return {
        ...node,
        className: messages.length ? 'wf-has-problem' : undefined,
        data: { ...node.data, problems: messages, roleName },
      }
    }),
    edges: edges.map((edge) => {
      const messages = index.edges[edge.id] || []
      return {
        ...edge,
        className: messages.length ? 'wf-has-problem' : undefined,
        data: { ...edge.data, problems: messages, toEnd: edge.target === END_ID },
      }
    }),
  }
}

// ---- edge routes

const GAP = 18 // how far a route runs straight out of a handle before it turns
const LANE = 72 // how far beside a row a route runs (half a row gap below or above the nodes)

// Rounded orthogonal path through points (axis-aligned segments).
export function roundedPath(points, radius = 8) {
  let d = `M ${points[0][0]},${points[0][1]}`
  for (let i = 1; i < points.length - 1; i += 1) {
    const [px, py] = points[i - 1]
    const [x, y] = points[i]
    const [nx, ny] = points[i + 1]
    const before = Math.hypot(x - px, y - py)
    const after = Math.hypot(nx - x, ny - y)
    if (!before || !after) continue
    const r = Math.min(radius, before / 2, after / 2)
    d += ` L ${x - ((x - px) / before) * r},${y - ((y - py) / before) * r}`
    d += ` Q ${x},${y} ${x + ((nx - x) / after) * r},${y + ((ny - y) / after) * r}`
  }
  const [lx, ly] = points[points.length - 1]
  return `${d} L ${lx},${ly}`
}

// Where a transition runs when a curve would cross other steps: a loop back (or to the
// step itself) goes round above; a transition skipping columns of the same rows (often
// the one to End) runs along a lane below them. null: a plain curve will do.
export function edgeRoute({ sourceX: sx, sourceY: sy, targetX: tx, targetY: ty }) {
  const dx = tx - sx
  const via = (lane) => [
    [sx, sy],
    [sx + GAP, sy],
    [sx + GAP, lane],
    [tx - GAP, lane],
    [tx - GAP, ty],
    [tx, ty],
  ]
  if (dx < GAP * 2) {
    const lane = Math.min(sy, ty) - LANE
    return { path: roundedPath(via(lane)), labelX: (sx + tx) / 2, labelY: lane, kind: 'back' }
  }
  if (dx > COLUMN_WIDTH && Math.abs(ty - sy) < ROW_HEIGHT * 0.75) {
    const lane = Math.max(sy, ty) + LANE
    return { path: roundedPath(via(lane)), labelX: (sx + tx) / 2, labelY: lane, kind: 'long' }
  }
  return null
}

// The name a step is known by in lists and selects ("Unnamed step" rather than nothing).
export const stepLabel = (node) => String(node?.data?.name ?? '').trim() || 'Unnamed step'
