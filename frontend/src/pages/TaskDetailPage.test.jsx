import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../api/auth.js'
import { ApiError } from '../api/http.js'
import * as workflow from '../api/workflow.js'
import TaskDetailPage, { CONFLICT_MESSAGE } from './TaskDetailPage.jsx'

vi.mock('../api/workflow.js', async (importOriginal) => ({
  ...(await importOriginal()),
  getTask: vi.fn(),
  getAvailableActions: vi.fn(),
  actOnTask: vi.fn(),
  startTask: vi.fn(),
  transferCandidates: vi.fn(),
  transferTask: vi.fn(),
  escalateTask: vi.fn(),
  holdTask: vi.fn(),
  resumeTask: vi.fn(),
}))
// The transfer dialog must not fall back to the auth_service directory any more.
vi.mock('../api/auth.js', async (importOriginal) => ({
  ...(await importOriginal()),
  roleMembers: vi.fn(),
  roles: vi.fn(),
  searchColleagues: vi.fn(),
}))
const me = { id: 7, email: 'ada@example.com', name: 'Ada Lovelace' }
let isAdmin = false
vi.mock('../auth/AuthContext.jsx', () => ({ useAuth: () => ({ user: me, isAdmin, roles: [] }) }))

function taskData(extra = {}, itemExtra = {}) {
  return {
    id: 12,
    ticket: { number: 'TK-0012', subject: 'Printer jam', priority: 'high', department: 'IT', category: 'Hardware' },
    workflow: { id: 3, name: 'IT support', version: 2 },
    current_step: { id: 's2', name: 'Fix', instructions: 'Check the toner first.' },
    status: 'active',
    outcome: '',
    owner_id: '5',
    owner_name: 'Grace Hopper',
    created_at: '2025-03-03T09:00:00Z',
    first_response_at: null,
    first_response_due_at: null,
    target_resolution_at: null,
    sla: { due_at: null, remaining_minutes: null, state: 'none' },
    path: [
      { id: 's1', name: 'Triage' },
      { id: 's2', name: 'Fix' },
    ],
    items: [
      {
        id: 1,
        step_id: 's1',
        step_name: 'Triage',
        role_id: 3,
        assignee: { id: 5, name: 'Grace Hopper', email: 'grace@example.com' },
        status: 'acted',
        reason: 'round_robin',
        action_label: 'Accept',
        acted_at: '2025-03-03T09:30:00Z',
        comment: 'Looks like hardware.',
        sla: { due_at: null, remaining_minutes: null, state: 'none' },
        history: [{ event: 'acted', actor_id: '5', note: 'Accept: Looks like hardware.', at: '2025-03-03T09:30:00Z' }],
      },
      {
        id: 2,
        step_id: 's2',
        step_name: 'Fix',
        role_id: 4,
        assignee: { id: 7, name: 'Ada Lovelace', email: 'ada@example.com' },
        status: 'in_progress',
        reason: 'round_robin',
        action_label: '',
        acted_at: null,
        comment: '',
        sla: { due_at: '2025-03-03T12:00:00Z', remaining_minutes: 90, state: 'on_track' },
        history: [],
        ...itemExtra,
      },
    ],
    ...extra,
  }
}

const ACTIONS = [{ id: 't-5', label: 'Resolve', to_step: null, ends_with: 'resolved' }]

function renderPage() {
  render(
    <MemoryRouter initialEntries={['/tasks/12']}>
      <Routes>
        <Route path="/tasks/:id" element={<TaskDetailPage />} />
      </Routes>
    </MemoryRouter>,
  )
}

describe('TaskDetailPage', () => {
  beforeEach(() => {
    isAdmin = false
    for (const fn of Object.values(workflow)) if (vi.isMockFunction(fn)) fn.mockReset()
    for (const fn of Object.values(auth)) if (vi.isMockFunction(fn)) fn.mockReset()
    workflow.getTask.mockResolvedValue(taskData())
    workflow.getAvailableActions.mockResolvedValue(ACTIONS)
  })

  it('shows the ticket, the path, the current step and its actions', async () => {
    renderPage()
    expect(await screen.findByRole('link', { name: 'Open ticket TK-0012' })).toHaveAttribute('href', '/tickets/TK-0012')
    expect(screen.getByText('Check the toner first.')).toBeInTheDocument()
    const steps = screen.getByRole('list', { name: 'Steps so far' })
    expect(within(steps).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Triage', 'Fix'])
    expect(screen.getByText('Looks like hardware.')).toBeInTheDocument()
    expect(await screen.findByRole('button', { name: 'Resolve' })).toBeInTheDocument()
    for (const name of ['Transfer', 'Escalate', 'Hold']) expect(screen.getByRole('button', { name })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Start' })).not.toBeInTheDocument()
    expect(screen.getByText('1 h 30 min left')).toBeInTheDocument()
  })

  it('performs an action with a comment and reloads', async () => {
    const user = userEvent.setup()
    workflow.actOnTask.mockResolvedValue({ status: 'completed', outcome: 'resolved', next_step: null })
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Resolve' }))
    const dialog = screen.getByRole('dialog', { name: 'Resolve' })
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(within(dialog).getByText('A comment is required.')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Comment'), 'Cleared the jam.')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(workflow.actOnTask).toHaveBeenCalledWith('12', { actionId: 't-5', comment: 'Cleared the jam.' })
    expect(await screen.findByText('The task is complete (resolved).')).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(workflow.getTask).toHaveBeenCalledTimes(2)
  })

  it('on 409 shows the conflict message and reloads the task', async () => {
    const user = userEvent.setup()
    workflow.actOnTask.mockRejectedValue(new ApiError(409, { detail: 'The task has moved past that step; reload it.' }))
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Resolve' }))
    workflow.getTask.mockResolvedValue(taskData({ current_step: { id: 's3', name: 'Verify', instructions: '' } }))
    workflow.getAvailableActions.mockResolvedValue([])
    await user.type(screen.getByLabelText('Comment'), 'Done.')
    await user.click(screen.getByRole('button', { name: 'Confirm' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(CONFLICT_MESSAGE)
    expect(CONFLICT_MESSAGE).toBe('Someone else changed this task meanwhile; it has been reloaded.')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(workflow.getTask).toHaveBeenCalledTimes(2)
    expect(workflow.getAvailableActions).toHaveBeenCalledTimes(2)
    expect(await screen.findByText('Verify')).toBeInTheDocument()
  })

  it('starts an assigned step', async () => {
    const user = userEvent.setup()
    workflow.getTask.mockResolvedValue(taskData({}, { status: 'assigned' }))
    workflow.startTask.mockResolvedValue({})
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Start' }))
    expect(workflow.startTask).toHaveBeenCalledWith('12')
    expect(await screen.findByText('Started.')).toBeInTheDocument()
  })

  it('holds with a required reason, and offers Resume when on hold', async () => {
    const user = userEvent.setup()
    workflow.holdTask.mockResolvedValue({})
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Hold' }))
    const dialog = screen.getByRole('dialog', { name: 'Put on hold' })
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(within(dialog).getByText('A reason is required.')).toBeInTheDocument()
    workflow.getTask.mockResolvedValue(taskData({ status: 'on_hold', sla: { due_at: null, remaining_minutes: null, state: 'paused' } }))
    await user.type(within(dialog).getByLabelText('Reason'), 'Waiting for parts')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(workflow.holdTask).toHaveBeenCalledWith('12', { reason: 'Waiting for parts' })
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Hold' })).not.toBeInTheDocument()
  })

  it('escalates with a reason and shows the API error as an alert', async () => {
    const user = userEvent.setup()
    workflow.escalateTask.mockRejectedValue(new ApiError(400, { detail: ['Step "Fix" has no escalation role.'] }))
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Escalate' }))
    const dialog = screen.getByRole('dialog', { name: 'Escalate' })
    await user.type(within(dialog).getByLabelText('Reason'), 'Beyond me')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Step "Fix" has no escalation role.')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  const CANDIDATES = [
    { id: 9, name: 'Alan Turing', email: 'alan@example.com' },
    { id: 11, name: 'Grace Hopper', email: 'grace@example.com' },
  ]

  const expectNoDirectoryLookups = () => {
    expect(auth.roleMembers).not.toHaveBeenCalled()
    expect(auth.roles).not.toHaveBeenCalled()
    expect(auth.searchColleagues).not.toHaveBeenCalled()
  }

  it('offers the transfer candidates and posts the chosen person with the reason', async () => {
    const user = userEvent.setup()
    let resolve
    workflow.transferCandidates.mockReturnValue(new Promise((r) => (resolve = r)))
    workflow.transferTask.mockResolvedValue({ assignee: { id: 11, name: 'Grace Hopper' } })
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Transfer' }))
    const dialog = screen.getByRole('dialog', { name: 'Transfer' })
    expect(workflow.transferCandidates).toHaveBeenCalledWith('12')
    expect(within(dialog).getByRole('status')).toHaveTextContent('Loading')
    expect(within(dialog).getByRole('button', { name: 'Confirm' })).toBeDisabled()
    expect(within(dialog).getByLabelText('Reason')).toHaveFocus()
    resolve(CANDIDATES)
    const select = await within(dialog).findByLabelText('Transfer to')
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose a person',
      'Alan Turing <alan@example.com>',
      'Grace Hopper <grace@example.com>',
    ])
    const confirm = within(dialog).getByRole('button', { name: 'Confirm' })
    expect(confirm).toBeEnabled()
    await user.click(confirm)
    expect(within(dialog).getByText('Choose a person.')).toBeInTheDocument()
    expect(workflow.transferTask).not.toHaveBeenCalled()
    await user.selectOptions(select, '11')
    await user.type(within(dialog).getByLabelText('Reason'), 'On leave tomorrow')
    await user.click(confirm)
    expect(workflow.transferTask).toHaveBeenCalledWith('12', { userId: '11', reason: 'On leave tomorrow' })
    expect(await screen.findByText('Transferred to Grace Hopper.')).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expectNoDirectoryLookups()
  })

  it('uses the same candidates endpoint for admins', async () => {
    isAdmin = true
    const user = userEvent.setup()
    workflow.transferCandidates.mockResolvedValue(CANDIDATES.slice(0, 1))
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Transfer' }))
    expect(await screen.findByRole('option', { name: 'Alan Turing <alan@example.com>' })).toBeInTheDocument()
    expect(workflow.transferCandidates).toHaveBeenCalledWith('12')
    expectNoDirectoryLookups()
  })

  it('says when nobody else can take the step and disables Confirm', async () => {
    const user = userEvent.setup()
    workflow.transferCandidates.mockResolvedValue([])
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Transfer' }))
    const dialog = screen.getByRole('dialog', { name: 'Transfer' })
    expect(await within(dialog).findByText('Nobody else can take this step right now.')).toBeInTheDocument()
    expect(within(dialog).queryByLabelText('Transfer to')).not.toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: 'Confirm' })).toBeDisabled()
    await user.type(within(dialog).getByLabelText('Reason'), 'Anyone?')
    expect(within(dialog).getByRole('button', { name: 'Confirm' })).toBeDisabled()
    expect(workflow.transferTask).not.toHaveBeenCalled()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('shows the error when the candidates cannot be loaded', async () => {
    const user = userEvent.setup()
    workflow.transferCandidates.mockRejectedValue(
      new ApiError(403, { detail: 'Only the current holder or an admin can transfer this step.' }),
    )
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Transfer' }))
    const dialog = screen.getByRole('dialog', { name: 'Transfer' })
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only the current holder or an admin can transfer this step.',
    )
    expect(within(dialog).getByRole('button', { name: 'Confirm' })).toBeDisabled()
    expect(workflow.transferTask).not.toHaveBeenCalled()
  })

  it('shows the transfer error from the API as an alert', async () => {
    const user = userEvent.setup()
    workflow.transferCandidates.mockResolvedValue(CANDIDATES)
    workflow.transferTask.mockRejectedValue(new ApiError(400, { detail: 'Alan Turing is not available.' }))
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'Transfer' }))
    const dialog = screen.getByRole('dialog', { name: 'Transfer' })
    await user.selectOptions(await within(dialog).findByLabelText('Transfer to'), '9')
    await user.type(within(dialog).getByLabelText('Reason'), 'Away')
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Alan Turing is not available.')
    expect(workflow.transferTask).toHaveBeenCalledWith('12', { userId: '9', reason: 'Away' })
  })

  it('says when the task is not visible', async () => {
    workflow.getTask.mockRejectedValue(new ApiError(404, { detail: 'No such task that you can see.' }))
    renderPage()
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no such task that you can see.')
  })
})
