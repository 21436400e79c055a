import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../../api/http.js'
import * as workflow from '../../api/workflow.js'
import WorkflowsPage from './WorkflowsPage.jsx'

vi.mock('../../api/workflow.js', async (importOriginal) => ({
  ...(await importOriginal()),
  listWorkflows: vi.fn(),
  createWorkflow: vi.fn(),
  listCalendars: vi.fn(),
}))

const row = (id, name, extra = {}) => ({
  id,
  name,
  description: '',
  department: 'IT',
  category: 'Hardware',
  subcategory: '',
  priority: '',
  status: 'draft',
  is_default: false,
  calendar: null,
  sla_targets: {},
  current_version: null,
  ...extra,
})

function Where() {
  const location = useLocation()
  return <p data-testid="where">{location.pathname + location.search}</p>
}

function renderPage(entry = '/admin/workflows') {
  render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route
          path="/admin/workflows"
          element={
            <>
              <WorkflowsPage />
              <Where />
            </>
          }
        />
        <Route path="/admin/workflows/:id" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  )
}

describe('WorkflowsPage', () => {
  beforeEach(() => {
    workflow.listWorkflows.mockReset().mockResolvedValue({
      count: 2,
      next: null,
      previous: null,
      results: [
        row(1, 'IT support', { status: 'published', current_version: 3, subcategory: 'Printers', priority: 'high', is_default: true }),
        row(2, 'Onboarding', { department: 'HR', category: 'Accounts' }),
      ],
    })
    workflow.createWorkflow.mockReset()
    workflow.listCalendars.mockReset().mockResolvedValue({ count: 1, results: [{ id: 7, name: 'Office hours' }] })
  })

  it('lists workflows with status, version, routing, priority and the default', async () => {
    renderPage()
    const link = await screen.findByRole('link', { name: 'IT support' })
    expect(link).toHaveAttribute('href', '/admin/workflows/1')
    const first = link.closest('tr')
    expect(within(first).getByText('published')).toBeInTheDocument()
    expect(first).toHaveTextContent('v3')
    expect(first).toHaveTextContent('IT / Hardware / Printers')
    expect(first).toHaveTextContent('High')
    expect(within(first).getByText('Default')).toBeInTheDocument()
    const second = screen.getByRole('link', { name: 'Onboarding' }).closest('tr')
    expect(second).toHaveTextContent('—')
    expect(second).toHaveTextContent('Any')
    expect(screen.getByText('2 workflows')).toBeInTheDocument()
  })

  it('searches and filters by status through the URL', async () => {
    const user = userEvent.setup()
    renderPage()
    await screen.findByRole('link', { name: 'IT support' })
    await user.type(screen.getByLabelText('Search'), 'printer')
    await user.click(screen.getByRole('button', { name: 'Search' }))
    await user.selectOptions(screen.getByLabelText('Status'), 'Published')
    expect(screen.getByTestId('where')).toHaveTextContent('/admin/workflows?search=printer&status=published')
    expect(workflow.listWorkflows).toHaveBeenLastCalledWith({ search: 'printer', status: 'published', page: 1, page_size: 25 })
  })

  it('says when nothing matches', async () => {
    workflow.listWorkflows.mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    renderPage('/admin/workflows?status=archived')
    expect(await screen.findByText('No workflows match.')).toBeInTheDocument()
  })

  it('creates a workflow and opens it in the editor', async () => {
    const user = userEvent.setup()
    workflow.createWorkflow.mockResolvedValue(row(9, 'Laptops'))
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'New workflow' }))
    const dialog = screen.getByRole('dialog', { name: 'New workflow' })
    await user.type(within(dialog).getByLabelText('Workflow name'), 'Laptops')
    await user.type(within(dialog).getByLabelText('Department'), 'IT')
    await user.type(within(dialog).getByLabelText('Category'), 'Hardware')
    await user.type(within(dialog).getByLabelText('Subcategory'), 'Laptop')
    await user.selectOptions(within(dialog).getByLabelText('Priority'), 'Urgent')
    await within(dialog).findByRole('option', { name: 'Office hours' })
    await user.selectOptions(within(dialog).getByLabelText('Calendar'), 'Office hours')
    await user.click(within(dialog).getByRole('button', { name: 'Create workflow' }))

    expect(workflow.createWorkflow).toHaveBeenCalledWith({
      name: 'Laptops',
      description: '',
      department: 'IT',
      category: 'Hardware',
      subcategory: 'Laptop',
      priority: 'urgent',
      calendar: 7,
      is_default: false,
    })
    expect(await screen.findByTestId('where')).toHaveTextContent('/admin/workflows/9')
  })

  it('checks required fields, then shows the API errors at their fields', async () => {
    const user = userEvent.setup()
    renderPage()
    await user.click(await screen.findByRole('button', { name: 'New workflow' }))
    const dialog = screen.getByRole('dialog', { name: 'New workflow' })
    await user.click(within(dialog).getByRole('button', { name: 'Create workflow' }))
    expect(within(dialog).getByText('Enter a name.')).toBeInTheDocument()
    expect(within(dialog).getByText('Enter a department.')).toBeInTheDocument()
    expect(workflow.createWorkflow).not.toHaveBeenCalled()

    workflow.createWorkflow.mockRejectedValue(
      new ApiError(400, { category: ['Ensure this field has no more than 100 characters.'], is_default: ['Another workflow is already the default.'] }),
    )
    await user.type(within(dialog).getByLabelText('Workflow name'), 'Laptops')
    await user.type(within(dialog).getByLabelText('Department'), 'IT')
    await user.type(within(dialog).getByLabelText('Category'), 'Hardware')
    await user.click(within(dialog).getByLabelText('Default workflow'))
    await user.click(within(dialog).getByRole('button', { name: 'Create workflow' }))
    expect(await within(dialog).findByText('Another workflow is already the default.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Category')).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByText('Please correct the marked fields.')).toBeInTheDocument()
    expect(screen.getByTestId('where')).toHaveTextContent('/admin/workflows')
  })

  it('shows an error it can retry', async () => {
    const user = userEvent.setup()
    workflow.listWorkflows.mockRejectedValueOnce(new ApiError(500, { detail: 'Server trouble.' }))
    renderPage()
    expect(await screen.findByText('Server trouble.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('link', { name: 'IT support' })).toBeInTheDocument()
  })
})
