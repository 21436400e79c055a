import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { fakeApi, page } from '../../components/admin/users/fakeApi.js'
import RolesPage from './RolesPage.jsx'
import { renderRoute } from '../../test/routing.jsx'

const SYSTEMS = [
  { id: 2, slug: 'hdts', name: 'Help desk', require_totp: false },
  { id: 1, slug: 'tts', name: 'Ticket tracking', require_totp: false },
]
const role = (id, name, isCustom = true, system = 'tts') => ({ id, system, name, description: `${name} people`, is_custom: isCustom, version: 1 })
const member = (id, name, email) => ({ id, email, name, is_active: true, grant_id: 100 + id, grant_version: 1, granted_at: '2026-01-02T10:00:00Z' })
const MEMBERS = {
  1: [member(1, 'Ada Admin', 'ada@example.com')],
  2: [],
  3: [member(7, 'Ana Lyst', 'ana@example.com'), member(8, '', 'bob@example.com')],
}

const renderAt = (url) => renderRoute(url, '/admin/roles', <RolesPage />)

function server() {
  const state = { roles: [role(1, 'Admin', false), role(2, 'Agent', false), role(3, 'Coordinator')] }
  const api = fakeApi()
  api
    .on('GET', '/api/v1/systems/', [200, page(SYSTEMS)])
    .on('GET', '/api/v1/tts/roles/', () => [200, page(state.roles)])
    .on('GET', '/api/v1/hdts/roles/', [200, page([role(9, 'Viewer', true, 'hdts')])])
    .on('GET', /^\/api\/v1\/(\w+)\/roles\/(\d+)\/users\/$/, (call, match) => {
      const all = MEMBERS[match[2]] || []
      const size = Number(call.query.page_size) || 100
      return [200, page(all.slice(0, size), all.length)]
    })
    .on('POST', '/api/v1/tts/roles/', (call) => {
      const made = { ...role(4, call.body.name), description: call.body.description }
      state.roles = [...state.roles, made]
      return [201, made]
    })
    .on('PATCH', /^\/api\/v1\/tts\/roles\/(\d+)\/$/, (call, match) => {
      const found = state.roles.find((r) => r.id === Number(match[1]))
      Object.assign(found, call.body, { version: found.version + 1 })
      return [200, found]
    })
    .on('DELETE', /^\/api\/v1\/tts\/roles\/(\d+)\/$/, (call, match) => {
      state.roles = state.roles.filter((r) => r.id !== Number(match[1]))
      return [204, null]
    })
  return { api, state }
}

const where = () => screen.getByTestId('where').textContent
const rowOf = (name) => screen.getByRole('link', { name }).closest('tr')

describe('RolesPage', () => {
  let api
  beforeEach(() => {
    vi.clearAllMocks()
    api = server().api
  })

  it('lists the tts roles with member counts', async () => {
    renderAt('/admin/roles')
    expect(screen.getByRole('heading', { name: 'Roles', level: 1 })).toBeInTheDocument()
    await screen.findByRole('link', { name: 'Coordinator' })
    expect(screen.getByLabelText('System')).toHaveValue('tts')
    expect(screen.getByText('3 roles in tts')).toBeInTheDocument()
    await waitFor(() => expect(within(rowOf('Coordinator')).getByText('2')).toBeInTheDocument())
    expect(within(rowOf('Admin')).getByText('1')).toBeInTheDocument()
    expect(within(rowOf('Agent')).getByText('0')).toBeInTheDocument()
    expect(within(rowOf('Admin')).getByText('Built-in')).toBeInTheDocument()
    expect(within(rowOf('Coordinator')).getByText('Custom')).toBeInTheDocument()
    // built-in roles cannot be deleted, so they offer no Delete
    expect(screen.queryByRole('button', { name: 'Delete Admin' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Delete Coordinator' })).toBeInTheDocument()
    expect(api.made('GET', '/api/v1/tts/roles/3/users/')[0].query).toEqual({ page_size: '1' })
  })

  it('switches the system through the URL', async () => {
    const user = userEvent.setup()
    renderAt('/admin/roles?role=3')
    await screen.findByRole('link', { name: 'Coordinator' })
    await waitFor(() => expect(within(screen.getByLabelText('System')).getByRole('option', { name: 'Help desk (hdts)' })).toBeInTheDocument())
    await user.selectOptions(screen.getByLabelText('System'), 'hdts')
    expect(where()).toBe('/admin/roles?system=hdts')
    expect(await screen.findByRole('link', { name: 'Viewer' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'New role in hdts' })).toBeInTheDocument()
  })

  it('creates a role', async () => {
    const user = userEvent.setup()
    renderAt('/admin/roles')
    await screen.findByRole('link', { name: 'Coordinator' })
    const form = screen.getByRole('region', { name: 'New role in tts' })
    await user.type(within(form).getByLabelText('Name'), 'Auditor ')
    await user.type(within(form).getByLabelText('Description'), 'Reads everything')
    await user.click(within(form).getByRole('button', { name: 'Create role' }))
    expect(await screen.findByText('Created the role Auditor in tts.')).toBeInTheDocument()
    expect(api.made('POST', '/api/v1/tts/roles/')[0].body).toEqual({ name: 'Auditor', description: 'Reads everything' })
    expect(await screen.findByRole('link', { name: 'Auditor' })).toBeInTheDocument()
    expect(within(form).getByLabelText('Name')).toHaveValue('')
  })

  it('shows the API field error of a new role', async () => {
    api.on('POST', '/api/v1/tts/roles/', [400, { name: ['A role named "Agent" already exists in tts.'] }])
    const user = userEvent.setup()
    renderAt('/admin/roles')
    await screen.findByRole('link', { name: 'Coordinator' })
    const form = screen.getByRole('region', { name: 'New role in tts' })
    await user.type(within(form).getByLabelText('Name'), 'agent')
    await user.click(within(form).getByRole('button', { name: 'Create role' }))
    expect(await within(form).findByText('A role named "Agent" already exists in tts.')).toHaveAttribute('id', 'new-role-name-error')
    expect(within(form).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true')
    expect(within(form).getByLabelText('Name')).toHaveFocus()
  })

  it('renames a role in a dialog', async () => {
    const user = userEvent.setup()
    renderAt('/admin/roles')
    await user.click(await screen.findByRole('button', { name: 'Edit Coordinator' }))
    const dialog = screen.getByRole('dialog', { name: 'Edit role Coordinator' })
    const name = within(dialog).getByLabelText('Name')
    expect(name).toHaveFocus()
    await user.clear(name)
    await user.type(name, 'Dispatcher')
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }))
    expect(await screen.findByText('Renamed Coordinator to Dispatcher.')).toBeInTheDocument()
    expect(api.made('PATCH', '/api/v1/tts/roles/3/')[0].body).toEqual({ name: 'Dispatcher' })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'Dispatcher' })).toBeInTheDocument()
  })

  it('keeps the dialog open with the API error when a rename is refused', async () => {
    api.on('PATCH', '/api/v1/tts/roles/1/', [400, { name: ['The built-in role "Admin" cannot be renamed.'] }])
    const user = userEvent.setup()
    renderAt('/admin/roles')
    await user.click(await screen.findByRole('button', { name: 'Edit Admin' }))
    const dialog = screen.getByRole('dialog', { name: 'Edit role Admin' })
    await user.type(within(dialog).getByLabelText('Name'), 's')
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }))
    expect(await within(dialog).findByText('The built-in role "Admin" cannot be renamed.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true')
  })

  it('asks before deleting, names how many hold the role, and does nothing on cancel', async () => {
    const user = userEvent.setup()
    renderAt('/admin/roles?role=3')
    await screen.findByRole('heading', { name: /Members of Coordinator/ })
    await waitFor(() => expect(within(rowOf('Coordinator')).getByText('2')).toBeInTheDocument())
    await user.click(screen.getByRole('button', { name: 'Delete Coordinator' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete the role Coordinator?' })
    expect(dialog).toHaveTextContent('2 users hold this role. They lose it at once and are signed out.')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(api.made('DELETE', /roles/)).toHaveLength(0)

    await user.click(screen.getByRole('button', { name: 'Delete Coordinator' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete role' }))
    expect(await screen.findByText('Deleted the role Coordinator.')).toBeInTheDocument()
    expect(api.made('DELETE', '/api/v1/tts/roles/3/')).toHaveLength(1)
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Coordinator' })).not.toBeInTheDocument())
    expect(where()).toBe('/admin/roles')
  })

  it('shows the API message when a delete is refused', async () => {
    api.on('DELETE', '/api/v1/tts/roles/3/', [403, { detail: 'Requires the tts:Admin role.' }])
    const user = userEvent.setup()
    renderAt('/admin/roles')
    await user.click(await screen.findByRole('button', { name: 'Delete Coordinator' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete role' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not delete Coordinator: Requires the tts:Admin role.')
    expect(screen.getByRole('link', { name: 'Coordinator' })).toBeInTheDocument()
  })

  it("lists a role's members, linking to their users", async () => {
    const user = userEvent.setup()
    renderAt('/admin/roles')
    await user.click(await screen.findByRole('link', { name: 'Coordinator' }))
    expect(where()).toBe('/admin/roles?role=3')
    const members = await screen.findByRole('region', { name: /Members of Coordinator/ })
    expect(await within(members).findByRole('link', { name: 'Ana Lyst' })).toHaveAttribute('href', '/admin/users?user=7')
    expect(within(members).getByRole('link', { name: 'bob@example.com' })).toHaveAttribute('href', '/admin/users?user=8')
    expect(within(members).getByText('2 active members')).toBeInTheDocument()
    await user.click(within(members).getByRole('button', { name: 'Close members' }))
    expect(where()).toBe('/admin/roles')
  })

  it('says when member counts are refused', async () => {
    api.on('GET', /^\/api\/v1\/tts\/roles\/\d+\/users\/$/, [403, { detail: 'Requires the Admin role of this system or a service token.' }])
    renderAt('/admin/roles')
    expect(await screen.findByText(/Member counts are not available: Requires the Admin role/)).toBeInTheDocument()
  })
})
