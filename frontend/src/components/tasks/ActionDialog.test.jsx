import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../../api/http.js'
import * as workflow from '../../api/workflow.js'
import ActionDialog from './ActionDialog.jsx'

vi.mock('../../api/workflow.js', async (importOriginal) => ({ ...(await importOriginal()), actOnTask: vi.fn() }))

const action = { id: 't-1', label: 'Resolve', to_step: null, ends_with: 'resolved' }

function renderDialog(props = {}) {
  const handlers = { onDone: vi.fn(), onConflict: vi.fn(), onClose: vi.fn() }
  render(<ActionDialog taskId="12" action={action} {...handlers} {...props} />)
  return handlers
}

describe('ActionDialog', () => {
  beforeEach(() => workflow.actOnTask.mockReset())

  it('is a modal dialog named by the action, with focus in the Comment field', () => {
    renderDialog()
    const dialog = screen.getByRole('dialog', { name: 'Resolve' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(screen.getByLabelText('Comment')).toHaveFocus()
  })

  it('requires a comment before posting', async () => {
    const user = userEvent.setup()
    renderDialog()
    await user.click(screen.getByRole('button', { name: 'Confirm' }))
    expect(screen.getByText('A comment is required.')).toBeInTheDocument()
    expect(screen.getByLabelText('Comment')).toHaveAttribute('aria-invalid', 'true')
    expect(workflow.actOnTask).not.toHaveBeenCalled()
  })

  it('posts the action id and the comment', async () => {
    const user = userEvent.setup()
    workflow.actOnTask.mockResolvedValue({ status: 'completed', outcome: 'resolved', next_step: null })
    const { onDone } = renderDialog()
    await user.type(screen.getByLabelText('Comment'), 'Replaced the toner.')
    await user.click(screen.getByRole('button', { name: 'Confirm' }))
    expect(workflow.actOnTask).toHaveBeenCalledWith('12', { actionId: 't-1', comment: 'Replaced the toner.' })
    expect(onDone).toHaveBeenCalledWith({ status: 'completed', outcome: 'resolved', next_step: null })
  })

  it('shows an API error next to the field, and hands a 409 to onConflict', async () => {
    const user = userEvent.setup()
    workflow.actOnTask.mockRejectedValueOnce(new ApiError(400, { comment: ['Too long.'] }))
    const { onConflict } = renderDialog()
    await user.type(screen.getByLabelText('Comment'), 'x')
    await user.click(screen.getByRole('button', { name: 'Confirm' }))
    expect(await screen.findByText('Too long.')).toBeInTheDocument()

    workflow.actOnTask.mockRejectedValueOnce(new ApiError(409, { detail: 'The task has moved past that step; reload it.' }))
    await user.click(screen.getByRole('button', { name: 'Confirm' }))
    expect(onConflict).toHaveBeenCalled()
  })

  it('closes on Escape', async () => {
    const user = userEvent.setup()
    const { onClose } = renderDialog()
    await user.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalled()
  })
})
