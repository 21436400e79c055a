import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../../api/auth.js'
import { ApiError } from '../../api/http.js'
import * as workflow from '../../api/workflow.js'
import { installReactFlowDom } from '../../components/workflow/testSupport.js'
import WorkflowEditorPage from './WorkflowEditorPage.jsx'

vi.mock('../../api/workflow.js', async (importOriginal) => ({
  ...(await importOriginal()),
  getWorkflow: vi.fn(),
  getGraph: vi.fn(),
  saveGraph: vi.fn(),
  updateWorkflow: vi.fn(),
  publishWorkflow: vi.fn(),
  workflowVersions: vi.fn(),
  listCalendars: vi.fn(),
}))
vi.mock('../../api/auth.js', async (importOriginal) => ({ ...(await importOriginal()), listRoles: vi.fn() }))

const WORKFLOW = {
  id: 5,
  name: 'IT support',
  description: '',
  department: 'IT',
  category: 'Hardware',
  subcategory: '',
  priority: '',
  status: 'published',
  is_default: false,
  calendar: null,
  sla_targets: { high: { first_response_minutes: 60, resolution_minutes: 480 } },
  current_version: 1,
}
const step = (id, name, extra = {}) => ({
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
// As graph_of answers: string ids, the end as to=null.
const GRAPH = {
  nodes: [step('11', 'Triage', { is_start: true }), step('12', 'Fix', { x: 250 })],
  edges: [
    { id: '21', from: '11', to: '12', label: 'Accept', end_status: 'resolved' },
    { id: '22', from: '12', to: null, label: 'Done', end_status: 'resolved' },
  ],
}
const VERSION_1 = {
  id: 31,
  number: 1,
  published_at: '2025-03-03T09:00:00Z',
  published_by_id: '1',
  definition: {
    workflow: { id: 5, name: 'IT support' },
    steps: [{ id: '11', name: 'Old triage', role_id: 3, instructions: '', weight: 1, escalate_to_role_id: null, assignment_mode: 'round_robin', is_start: true }],
    transitions: [{ id: '20', from: '11', to: null, label: 'Close', end_status: 'closed' }],
    sla_targets: { urgent: { resolution_minutes: 120 } },
  },
}
const ROLES = {
  count: 3,
  next: null,
  previous: null,
  results: [
    { id: 2, system: 'tts', name: 'Ticket Coordinator' },
    { id: 3, system: 'tts', name: 'Support' },
    { id: 4, system: 'tts', name: 'Supervisor' },
  ],
}

function renderPage(entry = '/admin/workflows/5') {
  render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route path="/admin/workflows/:id" element={<WorkflowEditorPage />} />
      </Routes>
    </MemoryRouter>,
  )
}

const outline = (name) => screen.getByRole('list', { name })
const canvasNode = (id) => document.querySelector(`.react-flow__node[data-id="${id}"]`)

describe('WorkflowEditorPage', () => {
  beforeAll(() => installReactFlowDom())
  beforeEach(() => {
    for (const fn of [...Object.values(workflow), ...Object.values(auth)]) if (vi.isMockFunction(fn)) fn.mockReset()
    workflow.getWorkflow.mockResolvedValue(WORKFLOW)
    workflow.getGraph.mockResolvedValue(GRAPH)
    workflow.workflowVersions.mockResolvedValue([VERSION_1])
    workflow.listCalendars.mockResolvedValue({ count: 1, results: [{ id: 7, name: 'Office hours' }] })
    auth.listRoles.mockResolvedValue(ROLES)
  })

  it('shows the workflow, its graph as canvas and outline, its properties and versions', async () => {
    renderPage()
    expect(await screen.findByRole('heading', { level: 1, name: 'IT support' })).toBeInTheDocument()
    expect(await screen.findByRole('button', { name: 'Triage' })).toBeInTheDocument()
    expect(within(outline('Transitions')).getByRole('button', { name: 'Triage → Fix: Accept' })).toBeInTheDocument()
    expect(within(outline('Transitions')).getByRole('button', { name: 'Fix → End: Done' })).toBeInTheDocument()
    // the canvas draws its nodes once React Flow has measured them, after the outline
    await waitFor(() => expect(canvasNode('11')).toHaveTextContent('Triage'))
    expect(canvasNode('__end__')).toHaveTextContent('End')
    expect(screen.getByLabelText('Workflow name')).toHaveValue('IT support')
    expect(screen.getByLabelText('High resolution (minutes)')).toHaveValue(480)
    expect(screen.getByText('All changes saved')).toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'View version 1' })).toHaveAttribute('href', '/admin/workflows/5?version=1')
    expect(auth.listRoles).toHaveBeenCalledWith('tts')
  })

  it('edits a selected step in the side panel', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Fix' }))
    const name = screen.getByLabelText('Step name')
    expect(name).toHaveValue('Fix')
    await within(screen.getByLabelText('Role')).findByRole('option', { name: 'Supervisor' })
    await user.clear(name)
    await user.type(name, 'Repair')
    await user.selectOptions(screen.getByLabelText('Role'), 'Supervisor')
    await user.selectOptions(screen.getByLabelText('Assignment mode'), 'Least loaded')
    await user.click(screen.getByLabelText('Start step'))
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument()
    await waitFor(() => expect(canvasNode('12')).toHaveTextContent('Repair'))
    expect(canvasNode('12')).toHaveTextContent('Supervisor')
    expect(within(outline('Steps')).getAllByText('Start')).toHaveLength(1)

    workflow.saveGraph.mockImplementation(async (id, graph) => graph)
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved.')
    const sent = workflow.saveGraph.mock.calls[0][1]
    expect(sent.nodes.find((n) => n.id === '12')).toMatchObject({ name: 'Repair', role_id: 4, assignment_mode: 'least_loaded', is_start: true })
    expect(sent.nodes.find((n) => n.id === '11').is_start).toBe(false)
  })

  it('adds steps and transitions, then saves the whole graph and reloads it with real ids', async () => {
    const user = userEvent.setup()
    renderPage()
    await screen.findByRole('button', { name: 'Triage' })

    // when a step is added it is selected, named and given a role
    await user.click(screen.getByRole('button', { name: 'Add step' }))
    const name = screen.getByLabelText('Step name')
    expect(name).toHaveFocus()
    await user.clear(name)
    await user.type(name, 'Review')
    await within(screen.getByLabelText('Role')).findByRole('option', { name: 'Supervisor' })
    await user.selectOptions(screen.getByLabelText('Role'), 'Supervisor')
    // and connected: Fix → Review, Review → End (rejected)
    await user.selectOptions(screen.getByLabelText('From'), 'Fix')
    await user.selectOptions(screen.getByLabelText('To'), 'Review')
    await user.type(screen.getByLabelText('Label'), 'Check')
    await user.click(screen.getByRole('button', { name: 'Add transition' }))
    await user.selectOptions(screen.getByLabelText('From'), 'Review')
    await user.selectOptions(screen.getByLabelText('To'), 'End')
    await user.type(screen.getByLabelText('Label'), 'Refuse')
    await user.selectOptions(screen.getByLabelText('End status'), 'rejected')
    await user.click(screen.getByRole('button', { name: 'Add transition' }))
    expect(within(outline('Transitions')).getByRole('button', { name: 'Review → End: Refuse' })).toBeInTheDocument()

    const saved = {
      nodes: [...GRAPH.nodes, step('13', 'Review', { role_id: 4, role_name: 'Supervisor', y: 120 })],
      edges: [
        { id: '41', from: '11', to: '12', label: 'Accept', end_status: 'resolved' },
        { id: '42', from: '12', to: null, label: 'Done', end_status: 'resolved' },
        { id: '43', from: '12', to: '13', label: 'Check', end_status: 'resolved' },
        { id: '44', from: '13', to: null, label: 'Refuse', end_status: 'rejected' },
      ],
    }
    workflow.saveGraph.mockResolvedValue(saved)
    await user.click(screen.getByRole('button', { name: 'Save' }))

    // then the whole graph went in one PUT, new parts with temporary ids
    await screen.findByText('Saved.')
    expect(workflow.saveGraph).toHaveBeenCalledTimes(1)
    const [id, sent] = workflow.saveGraph.mock.calls[0]
    expect(id).toBe('5')
    expect(sent.nodes.map((n) => [n.id, n.name, n.role_id, n.is_start])).toEqual([
      ['11', 'Triage', 3, true],
      ['12', 'Fix', 3, false],
      ['tmp-1', 'Review', 4, false],
    ])
    expect(sent.edges).toEqual([
      { id: '21', from: '11', to: '12', label: 'Accept', end_status: 'resolved' },
      { id: '22', from: '12', to: null, label: 'Done', end_status: 'resolved' },
      { id: 'tmp-e1', from: '12', to: 'tmp-1', label: 'Check', end_status: 'resolved' },
      { id: 'tmp-e2', from: 'tmp-1', to: null, label: 'Refuse', end_status: 'rejected' },
    ])
    // and the editor holds the answer's ids
    await waitFor(() => expect(canvasNode('13')).toHaveTextContent('Review'))
    expect(canvasNode('tmp-1')).toBeNull()
    expect(screen.getByText('All changes saved')).toBeInTheDocument()
  })

  it('does not send a transition without a label', async () => {
    const user = userEvent.setup()
    renderPage()
    await screen.findByRole('button', { name: 'Triage' })
    await user.selectOptions(screen.getByLabelText('From'), 'Triage')
    await user.selectOptions(screen.getByLabelText('To'), 'End')
    await user.click(screen.getByRole('button', { name: 'Add transition' }))
    expect(screen.getByText('Every transition needs a label.')).toBeInTheDocument()
    expect(within(outline('Transitions')).getAllByRole('button')).toHaveLength(2)
  })

  it('shows the problems of a refused save in the list and on the offending step and transition', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Fix → End: Done' }))
    await user.click(screen.getByRole('button', { name: 'Delete transition' }))
    workflow.saveGraph.mockRejectedValue(
      new ApiError(400, {
        detail: 'The workflow graph is not valid.',
        problems: [
          { code: 'dead_end', node: '12', message: 'Step "Fix" has no way out.' },
          { code: 'no_end', node: '11', message: 'From step "Triage" the workflow can never end.' },
          { code: 'label', edge: '21', message: 'Two transitions of one step share the label "Accept".' },
        ],
      }),
    )
    await user.click(screen.getByRole('button', { name: 'Save' }))

    const list = await screen.findByRole('list', { name: 'Problems' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(3)
    expect(within(list).getByText('Step "Fix" has no way out.')).toBeInTheDocument()
    expect(screen.getByText(/The workflow graph is not valid\. Nothing was saved\./)).toBeInTheDocument()
    // on the canvas: red outline and the message on the node and the edge label
    await waitFor(() => expect(canvasNode('12')).toHaveClass('wf-has-problem'))
    expect(canvasNode('12')).toHaveTextContent('Step "Fix" has no way out.')
    expect(canvasNode('11')).toHaveClass('wf-has-problem')
    expect(document.querySelector('.react-flow__edge[data-testid="rf__edge-21"]')).toHaveClass('wf-has-problem')
    const label = document.querySelector('.wf-edge-label-problem')
    expect(label).toHaveTextContent('Two transitions of one step share the label "Accept".')
    // in the outline as well
    const transition = within(outline('Transitions')).getByRole('button', { name: 'Triage → Fix: Accept' }).closest('li')
    expect(transition).toHaveTextContent('share the label "Accept"')
    // and each problem selects what it names
    await user.click(within(list).getByRole('button', { name: 'Show Fix' }))
    expect(screen.getByLabelText('Step name')).toHaveValue('Fix')
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument()
  })

  it('publishes, saving unsaved changes first', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Fix' }))
    await user.type(screen.getByLabelText('Instructions'), 'Check the cable.')
    workflow.saveGraph.mockImplementation(async (id, graph) => graph)
    workflow.publishWorkflow.mockResolvedValue({ ...VERSION_1, id: 32, number: 2 })
    workflow.workflowVersions.mockResolvedValue([{ ...VERSION_1, id: 32, number: 2 }, VERSION_1])
    workflow.getWorkflow.mockResolvedValue({ ...WORKFLOW, current_version: 2 })

    await user.click(screen.getByRole('button', { name: 'Publish' }))

    expect(await screen.findByText('Published version 2.')).toBeInTheDocument()
    expect(workflow.saveGraph).toHaveBeenCalledTimes(1)
    expect(workflow.saveGraph.mock.calls[0][1].nodes.find((n) => n.id === '12').instructions).toBe('Check the cable.')
    expect(workflow.publishWorkflow).toHaveBeenCalledWith('5')
    expect(workflow.saveGraph.mock.invocationCallOrder[0]).toBeLessThan(workflow.publishWorkflow.mock.invocationCallOrder[0])
    expect(await screen.findByRole('link', { name: 'View version 2' })).toBeInTheDocument()
    expect(screen.getByText('Current version 2')).toBeInTheDocument()
  })

  it('publishes a saved draft without saving it again, and shows why publishing was refused', async () => {
    const user = userEvent.setup()
    renderPage()
    await screen.findByRole('button', { name: 'Triage' })
    workflow.publishWorkflow.mockRejectedValueOnce(
      new ApiError(400, { detail: 'The workflow graph is not valid.', problems: [{ code: 'role', node: '11', message: 'Step "Triage" names an unknown role.' }] }),
    )
    await user.click(screen.getByRole('button', { name: 'Publish' }))
    expect(await screen.findByRole('list', { name: 'Problems' })).toHaveTextContent('Step "Triage" names an unknown role.')
    await waitFor(() => expect(canvasNode('11')).toHaveTextContent('names an unknown role'))
    expect(workflow.saveGraph).not.toHaveBeenCalled()
  })

  it('saves properties and SLA targets with PATCH; a blank priority has no target', async () => {
    const user = userEvent.setup()
    renderPage()
    const resolution = await screen.findByLabelText('Urgent resolution (minutes)')
    await user.type(resolution, '240')
    await user.clear(screen.getByLabelText('High first response (minutes)'))
    await screen.findByRole('option', { name: 'Office hours' })
    await user.selectOptions(screen.getByLabelText('Calendar'), 'Office hours')
    workflow.updateWorkflow.mockImplementation(async (id, fields) => ({ ...WORKFLOW, ...fields }))
    await user.click(screen.getByRole('button', { name: 'Save properties' }))
    await screen.findByText('Properties saved.')
    expect(workflow.updateWorkflow).toHaveBeenCalledWith('5', {
      name: 'IT support',
      description: '',
      department: 'IT',
      category: 'Hardware',
      subcategory: '',
      priority: '',
      calendar: 7,
      is_default: false,
      sla_targets: { urgent: { resolution_minutes: 240 }, high: { resolution_minutes: 480 } },
    })
    expect(workflow.saveGraph).not.toHaveBeenCalled()
  })

  it('shows the API errors of the properties at their fields', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByLabelText('Default workflow'))
    workflow.updateWorkflow.mockRejectedValue(new ApiError(400, { is_default: ['Another workflow is already the default.'] }))
    await user.click(screen.getByRole('button', { name: 'Save properties' }))
    expect(await screen.findByText('Another workflow is already the default.')).toBeInTheDocument()
    expect(screen.getByText('Please correct the marked fields.')).toBeInTheDocument()
  })

  it('shows a published version read-only', async () => {
    const user = userEvent.setup()
    renderPage('/admin/workflows/5?version=1')
    expect(await screen.findByText('Version 1, read-only')).toBeInTheDocument()
    await user.click(await screen.findByRole('button', { name: 'Old triage' }))
    expect(screen.getByLabelText('Step name')).toBeDisabled()
    expect(screen.getByLabelText('Role')).toBeDisabled()
    expect(within(outline('Transitions')).getByRole('button', { name: 'Old triage → End: Close' })).toBeInTheDocument()
    for (const name of ['Add step', 'Save', 'Publish', 'Add transition', 'Delete step', 'Save properties']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument()
    }
    expect(screen.getByRole('heading', { name: 'SLA targets of version 1' })).toBeInTheDocument()
    expect(screen.getByRole('row', { name: /Urgent/ })).toHaveTextContent('120 min (2 h)')
    expect(screen.getByRole('link', { name: 'Back to the draft' })).toHaveAttribute('href', '/admin/workflows/5')
  })

  it('says so when the version does not exist', async () => {
    renderPage('/admin/workflows/5?version=9')
    expect(await screen.findByText('There is no version 9 of this workflow.')).toBeInTheDocument()
  })

  it('lays out a graph nobody has placed and offers the first step for an empty one', async () => {
    const user = userEvent.setup()
    workflow.getGraph.mockResolvedValue({ nodes: [], edges: [] })
    workflow.workflowVersions.mockResolvedValue([])
    renderPage()
    expect(await screen.findByText('This workflow has no steps yet. Use “Add step” to begin.')).toBeInTheDocument()
    expect(screen.getByText('Not published yet. Publish to make the draft a version.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Add step' }))
    expect(screen.getByLabelText('Start step')).toBeChecked()
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument()
  })

  it('reports a workflow that does not exist', async () => {
    workflow.getWorkflow.mockRejectedValue(new ApiError(404, { detail: 'Not found.' }))
    renderPage()
    expect(await screen.findByText('There is no such workflow.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Workflows' })).toHaveAttribute('href', '/admin/workflows')
  })

  it('blocks a save the client can already see is broken', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Fix → End: Done' }))
    await user.clear(screen.getByLabelText('Transition label'))
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByRole('list', { name: 'Problems' })).toHaveTextContent('Every transition needs a label.'))
    expect(workflow.saveGraph).not.toHaveBeenCalled()
  })
})
