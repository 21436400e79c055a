import { describe, expect, it } from 'vitest'

import {
  END_ID,
  addStep,
  addTransition,
  autoLayout,
  clientProblems,
  decorate,
  definitionToGraph,
  edgeRoute,
  indexProblems,
  needsLayout,
  nextTempId,
  problemsFromError,
  removeStep,
  toApi,
  toFlow,
  transitionError,
  updateStep,
} from './graph.js'
import { formToSla, minutesHint, slaToForm } from './properties.js'

const node = (id, name, extra = {}) => ({
  id,
  name,
  role_id: 3,
  role_name: 'Support',
  instructions: '',
  weight: 1,
  escalate_to_role_id: null,
  assignment_mode: 'round_robin',
  is_start: false,
  x: 0,
  y: 0,
  ...extra,
})
const edge = (id, from, to, label, end_status = 'resolved') => ({ id, from, to, label, end_status })

// As GET .../graph/ answers it (graph_of): string ids, the end as to=null.
const SAVED = {
  nodes: [
    node('11', 'Triage', { is_start: true, x: 0, y: 0, instructions: 'Read it.' }),
    node('12', 'Fix', { x: 250, y: -60, weight: 3, escalate_to_role_id: 9, assignment_mode: 'least_loaded' }),
    node('13', 'Review', { x: 500, y: 0 }),
  ],
  edges: [
    edge('21', '11', '12', 'Accept'),
    edge('22', '11', null, 'Reject', 'rejected'),
    edge('23', '12', '13', 'Fixed'),
    edge('24', '13', null, 'Close', 'closed'),
  ],
}
const withoutRoleName = (graph) => ({ ...graph, nodes: graph.nodes.map(({ role_name, ...rest }) => rest) })

describe('API graph ⇄ editor', () => {
  it('round-trips: what was loaded is what is sent back', () => {
    const flow = toFlow(SAVED)
    expect(flow.laidOut).toBe(false)
    expect(toApi(flow.nodes, flow.edges)).toEqual(withoutRoleName(SAVED))
  })

  it('adds the End node and points edges to the end at it, keeping their end status', () => {
    const { nodes, edges } = toFlow(SAVED)
    const end = nodes.find((n) => n.id === END_ID)
    expect(end).toMatchObject({ type: 'end', deletable: false })
    expect(end.position.x).toBeGreaterThan(500)
    const reject = edges.find((e) => e.id === '22')
    expect(reject).toMatchObject({ source: '11', target: END_ID, data: { label: 'Reject', end_status: 'rejected' } })
    expect(toApi(nodes, edges).edges.find((e) => e.id === '22')).toEqual({ id: '22', from: '11', to: null, label: 'Reject', end_status: 'rejected' })
  })

  it('gives new steps and transitions temporary ids the API treats as new', () => {
    let { nodes, edges } = toFlow(SAVED)
    const first = addStep(nodes)
    const second = addStep(first.nodes)
    expect([first.id, second.id]).toEqual(['tmp-1', 'tmp-2'])
    nodes = second.nodes
    const added = addTransition(edges, { from: '13', to: 'tmp-1', label: ' Escalate ' })
    const toEnd = addTransition(added.edges, { from: 'tmp-1', to: END_ID, label: 'Drop', endStatus: 'closed' })
    edges = toEnd.edges
    expect([added.id, toEnd.id]).toEqual(['tmp-e1', 'tmp-e2'])

    const sent = toApi(nodes, edges)
    expect(sent.nodes.map((n) => n.id)).toEqual(['11', '12', '13', 'tmp-1', 'tmp-2'])
    expect(sent.nodes.find((n) => n.id === 'tmp-1')).toMatchObject({ name: 'Step 4', is_start: false, role_id: null, weight: 1 })
    expect(sent.edges.slice(-2)).toEqual([
      { id: 'tmp-e1', from: '13', to: 'tmp-1', label: 'Escalate', end_status: 'resolved' },
      { id: 'tmp-e2', from: 'tmp-1', to: null, label: 'Drop', end_status: 'closed' },
    ])
    expect(nextTempId('tmp-', ['tmp-9', '4', 'tmp-x'])).toBe('tmp-10')
  })

  it('makes the first step of an empty graph the start and adds the End node', () => {
    const { nodes, id } = addStep(toFlow({ nodes: [], edges: [] }).nodes)
    expect(nodes.map((n) => n.id)).toEqual([END_ID, id])
    expect(nodes.find((n) => n.id === id).data.is_start).toBe(true)
  })

  it('keeps one start: making a step the start takes it from the other', () => {
    const { nodes } = toFlow(SAVED)
    const next = updateStep(nodes, '13', { is_start: true })
    expect(next.filter((n) => n.data.is_start).map((n) => n.id)).toEqual(['13'])
  })

  it('forgets the loaded role name once the role changes', () => {
    const { nodes } = toFlow(SAVED)
    const next = updateStep(nodes, '11', { role_id: null })
    expect(decorate(next, [], [], { 3: 'Support' }).nodes.find((n) => n.id === '11').data.roleName).toBe('')
    expect(decorate(updateStep(next, '11', { role_id: 4 }), [], [], { 4: 'Supervisor' }).nodes.find((n) => n.id === '11').data.roleName).toBe('Supervisor')
  })

  it('deletes a step with its transitions, never the End', () => {
    const { nodes, edges } = toFlow(SAVED)
    const next = removeStep(nodes, edges, '12')
    expect(next.nodes.map((n) => n.id)).not.toContain('12')
    expect(next.edges.map((e) => e.id)).toEqual(['22', '24'])
    expect(removeStep(nodes, edges, END_ID).nodes).toHaveLength(nodes.length)
  })

  it('reads a version definition (steps, transitions, no positions)', () => {
    const graph = definitionToGraph({
      workflow: { id: 1, name: 'IT' },
      steps: [{ id: '11', name: 'Triage', role_id: 3, instructions: '', weight: 1, escalate_to_role_id: null, assignment_mode: 'round_robin', is_start: true }],
      transitions: [{ id: '21', from: '11', to: null, label: 'Done', end_status: 'resolved' }],
      sla_targets: {},
    })
    const flow = toFlow(graph)
    expect(flow.laidOut).toBe(true)
    expect(flow.edges[0]).toMatchObject({ source: '11', target: END_ID })
  })
})

describe('auto-layout', () => {
  const unplaced = {
    nodes: [node('a', 'Triage', { is_start: true }), node('b', 'Approve'), node('c', 'Reject'), node('d', 'Archive')],
    edges: [edge('1', 'a', 'b', 'Yes'), edge('2', 'a', 'c', 'No'), edge('3', 'b', 'd', 'Done'), edge('4', 'c', null, 'End', 'rejected'), edge('5', 'd', null, 'End')],
  }

  it('runs on load when no step has a position', () => {
    expect(needsLayout(unplaced.nodes)).toBe(true)
    expect(needsLayout(SAVED.nodes)).toBe(false)
    expect(toFlow(unplaced).laidOut).toBe(true)
  })

  it('puts the start in the first column and a branch in separate rows of the next', () => {
    const at = Object.fromEntries(toFlow(unplaced).nodes.map((n) => [n.id, n.position]))
    expect(at.a.x).toBe(0)
    expect(at.b.x).toBeGreaterThan(0)
    expect(at.b.x).toBe(at.c.x)
    expect(at.b.y).not.toBe(at.c.y)
    expect(at.d.x).toBeGreaterThan(at.b.x)
    expect(at[END_ID].x).toBeGreaterThan(at.d.x)
  })

  it('uses the longest path for the column and survives loops', () => {
    const nodes = toFlow({
      nodes: [node('s', 'Start', { is_start: true }), node('m', 'Middle'), node('t', 'Target')],
      edges: [edge('1', 's', 'm', 'Go'), edge('2', 'm', 't', 'On'), edge('3', 's', 't', 'Skip'), edge('4', 't', 's', 'Back'), edge('5', 't', 't', 'Again')],
    }).nodes
    const x = Object.fromEntries(nodes.map((n) => [n.id, n.position.x]))
    expect(x.s).toBe(0)
    expect(x.m).toBeLessThan(x.t)
    expect(x[END_ID]).toBeGreaterThan(x.t)
  })

  it('starts from the start step even when it is not listed first', () => {
    const { nodes, edges } = toFlow(SAVED)
    const shuffled = [nodes[2], nodes[1], nodes[0], nodes[3]]
    const x = Object.fromEntries(autoLayout(shuffled, edges).map((n) => [n.id, n.position.x]))
    expect(x['11']).toBe(0)
    expect(x['12']).toBeLessThan(x['13'])
  })
})

describe('edge routes', () => {
  it('draws neighbours as a curve, skips below the row and loops back above it', () => {
    expect(edgeRoute({ sourceX: 190, sourceY: 25, targetX: 250, targetY: 25 })).toBeNull()
    const long = edgeRoute({ sourceX: 190, sourceY: 25, targetX: 750, targetY: 25 })
    expect(long).toMatchObject({ kind: 'long', labelX: 470 })
    expect(long.labelY).toBeGreaterThan(25)
    const back = edgeRoute({ sourceX: 690, sourceY: 25, targetX: 0, targetY: 25 })
    expect(back).toMatchObject({ kind: 'back' })
    expect(back.labelY).toBeLessThan(25)
    expect(back.path).toMatch(/^M 690,25 .* L 0,25$/)
    expect(edgeRoute({ sourceX: 190, sourceY: 25, targetX: 0, targetY: 25 }).kind).toBe('back') // to itself
  })
})

describe('checks and problems', () => {
  it('finds cheap problems before anything is sent', () => {
    let { nodes, edges } = toFlow(SAVED)
    nodes = updateStep(nodes, '12', { name: '  ', role_id: null, weight: 0 })
    nodes = updateStep(nodes, '11', { is_start: false })
    edges = [...addTransition(edges, { from: '11', to: '13', label: '' }).edges]
    edges = addTransition(edges, { from: '11', to: '13', label: 'accept' }).edges
    const found = clientProblems(nodes, edges)
    expect(found.map((p) => [p.code, p.node ?? p.edge ?? null])).toEqual([
      ['start', null],
      ['name', '12'],
      ['role', '12'],
      ['weight', '12'],
      ['label', 'tmp-e1'],
      ['label', 'tmp-e2'],
    ])
    expect(clientProblems(toFlow(SAVED).nodes, toFlow(SAVED).edges)).toEqual([])
    expect(clientProblems([], [])).toEqual([{ code: 'empty', message: 'The workflow has no steps.' }])
  })

  it('checks a transition before the connect form adds it', () => {
    const { edges } = toFlow(SAVED)
    expect(transitionError(edges, { from: '11', to: '13', label: '' })).toBe('Every transition needs a label.')
    expect(transitionError(edges, { from: '11', to: '13', label: 'ACCEPT' })).toMatch(/already has a transition/)
    expect(transitionError(edges, { from: '11', to: END_ID, label: 'Cancel' })).toBe('')
  })

  it('takes the problems of a 400 as they are', () => {
    const body = { detail: 'The workflow graph is not valid.', problems: [{ code: 'dead_end', node: '12', message: 'Step "Fix" has no way out.' }] }
    expect(problemsFromError({ status: 400, body }, {})).toEqual(body.problems)
    expect(problemsFromError({ status: 403, body: { detail: 'No.' } }, {})).toBeNull()
    expect(problemsFromError({ status: 400, body: { detail: 'An archived workflow cannot be edited.' } }, {})).toBeNull()
  })

  it('names the serializer errors by the position of what was sent', () => {
    const sent = { nodes: [{ id: 'tmp-1' }, { id: 'tmp-2' }], edges: [{ id: 'tmp-e1' }] }
    const body = { nodes: [{}, { weight: ['Ensure this value is less than or equal to 2147483647.'] }], edges: [{ label: ['Too long.'] }] }
    expect(problemsFromError({ status: 400, body }, sent)).toEqual([
      { code: 'weight', node: 'tmp-2', message: 'weight: Ensure this value is less than or equal to 2147483647.' },
      { code: 'label', edge: 'tmp-e1', message: 'label: Too long.' },
    ])
  })

  it('attaches problems to their nodes and edges for the canvas', () => {
    const { nodes, edges } = toFlow(SAVED)
    const problems = [
      { code: 'start', message: 'Exactly one step must be the start; found 2.', nodes: ['11', '13'] },
      { code: 'label', edge: '23', message: 'Every transition needs a label.' },
      { code: 'empty', message: 'General.' },
      { code: 'label', edge: '#3', message: 'By position.' },
    ]
    expect(indexProblems(problems).nodes).toEqual({ 11: [problems[0].message], 13: [problems[0].message] })
    const shown = decorate(nodes, edges, problems, { 3: 'Service desk' })
    const byId = Object.fromEntries(shown.nodes.map((n) => [n.id, n]))
    expect(byId['11']).toMatchObject({ className: 'wf-has-problem', data: { problems: [problems[0].message], roleName: 'Service desk' } })
    expect(byId['12'].className).toBeUndefined()
    const fixed = shown.edges.find((e) => e.id === '23')
    expect(fixed).toMatchObject({ className: 'wf-has-problem', data: { problems: ['Every transition needs a label.'], toEnd: false } })
    expect(shown.edges.find((e) => e.id === '24').data).toMatchObject({ problems: ['By position.'], toEnd: true })
    // the editing state itself is left alone
    expect(nodes[0].className).toBeUndefined()
  })
})

describe('SLA targets', () => {
  it('leaves a blank priority without a target and keeps whole minutes', () => {
    const form = slaToForm({ high: { first_response_minutes: 60, resolution_minutes: 480 } })
    expect(form.high).toEqual({ first_response_minutes: '60', resolution_minutes: '480' })
    expect(form.low).toEqual({ first_response_minutes: '', resolution_minutes: '' })
    form.urgent.resolution_minutes = '120'
    expect(formToSla(form)).toEqual({
      sla_targets: { urgent: { resolution_minutes: 120 }, high: { first_response_minutes: 60, resolution_minutes: 480 } },
      errors: {},
    })
    form.low.first_response_minutes = '1.5'
    expect(formToSla(form).errors).toEqual({ 'low.first_response_minutes': 'A whole number of minutes, at least 1.' })
    expect(minutesHint('90')).toBe('1 h 30 min')
    expect(minutesHint('2880')).toBe('2 d')
  })
})

