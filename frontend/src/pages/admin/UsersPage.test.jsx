import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { useAuth } from '../../auth/AuthContext.jsx'
import { fakeApi, page } from '../../components/admin/users/fakeApi.js'
import UsersPage from './UsersPage.jsx'
import { renderRoute } from '../../test/routing.jsx'

vi.mock('../../auth/AuthContext.jsx', () => ({ useAuth: vi.fn() }))

const ANA = {
  id: 7,
  email: 'ana@example.com',
  first_name: 'Ana',
  last_name: 'Lyst',
  name: 'Ana Lyst',
  department: 'IT',
  phone: '',
  roles: ['hdts:Viewer', 'tts:Agent'],
  totp_enabled: false,
  is_active: true,
}
const BOB = { ...ANA, id: 8, email: 'bob@example.com', first_name: 'Bob', last_name: '', name: 'Bob', roles: [], is_active: false }
const SYSTEMS = [
  { id: 2, slug: 'hdts', name: 'Help desk', require_totp: false },
  { id: 1, slug: 'tts', name: 'Ticket tracking', require_totp: false },
]
const role = (id, name, isCustom = true) => ({ id, system: 'tts', name, description: '', is_custom: isCustom, version: 1 })
const ROLES = [role(1, 'Admin', false), role(2, 'Agent', false), role(3, 'Coordinator')]
const grant = (id, roleObject, user = ANA) => ({
  id,
  user: { id: user.id, email: user.email, name: user.name },
  role: roleObject,
  is_active: true,
  granted_by: { id: 1, email: 'admin@example.com' },
  granted_at: '2026-01-02T10:00:00Z',
  version: 1,
})

const renderAt = (url) => renderRoute(url, '/admin/users', <UsersPage />)

// A small auth_service: users, systems, tts roles and Ana's tts grants, changed by the tests' requests.
function server() {
  const state = { users: [{ ...ANA }, { ...BOB }], grants: [grant(50, ROLES[1])] }
  const api = fakeApi()
  api
    .on('GET', '/api/v1/users/', (call) => {
      const term = (call.query.search || '').toLowerCase()
      let users = state.users.filter((u) => !term || u.email.includes(term) || u.name.toLowerCase().includes(term))
      if (call.query.is_active) users = users.filter((u) => String(u.is_active) === call.query.is_active)
      return [200, page(users)]
    })
    .on('GET', /^\/api\/v1\/users\/(\d+)\/$/, (call, match) => {
      const user = state.users.find((u) => u.id === Number(match[1]))
      return user ? [200, user] : [404, { detail: 'Not found.' }]
    })
    .on('POST', /^\/api\/v1\/users\/(\d+)\/(deactivate|activate)\/$/, (call, match) => {
      const user = state.users.find((u) => u.id === Number(match[1]))
      Object.assign(user, { is_active: match[2] === 'activate' })
      return [200, user]
    })
    .on('GET', '/api/v1/systems/', [200, page(SYSTEMS)])
    .on('GET', '/api/v1/tts/roles/', [200, page(ROLES)])
    .on('GET', '/api/v1/tts/grants/', (call) => [200, page(state.grants.filter((g) => String(g.user.id) === call.query.user_id))])
    .on('POST', '/api/v1/tts/grants/', (call) => {
      const made = grant(60, ROLES.find((r) => r.id === call.body.role_id))
      state.grants.push(made)
      return [201, made]
    })
    .on('DELETE', /^\/api\/v1\/tts\/grants\/(\d+)\/$/, (call, match) => {
      const gone = state.grants.find((g) => g.id === Number(match[1]))
      state.grants = state.grants.filter((g) => g !== gone)
      return [200, { ...gone, is_active: false }]
    })
  return { api, state }
}

const where = () => screen.getByTestId('where').textContent

describe('UsersPage', () => {
  let api
  beforeEach(() => {
    vi.clearAllMocks()
    useAuth.mockReturnValue({ user: { id: 1, email: 'admin@example.com' }, roles: ['tts:Admin', 'tts:Agent'], isAdmin: true })
    api = server().api
  })

  it('lists users with email, status and roles per system', async () => {
    renderAt('/admin/users')
    expect(screen.getByRole('heading', { name: 'Users', level: 1 })).toBeInTheDocument()
    const link = await screen.findByRole('link', { name: 'Ana Lyst' })
    expect(link).toHaveAttribute('href', '/admin/users?user=7')
    const row = link.closest('tr')
    expect(within(row).getByText('ana@example.com')).toBeInTheDocument()
    expect(within(row).getByText('Active')).toBeInTheDocument()
    expect(within(row).getByText('tts')).toBeInTheDocument()
    expect(within(row).getByText('Agent')).toBeInTheDocument()
    expect(within(row).getByText('hdts')).toBeInTheDocument()
    expect(within(screen.getByRole('link', { name: 'Bob' }).closest('tr')).getByText('Inactive')).toBeInTheDocument()
    expect(screen.getByText('2 users')).toBeInTheDocument()
    expect(api.made('GET', '/api/v1/users/')[0].query).toEqual({ page: '1', page_size: '20' })
  })

  it('search and the status filter update the query', async () => {
    const user = userEvent.setup()
    renderAt('/admin/users?page=2')
    await screen.findByText('2 users')
    await user.type(screen.getByLabelText('Search users'), ' ana ')
    await user.click(screen.getByRole('button', { name: 'Search' }))
    await waitFor(() => expect(where()).toBe('/admin/users?search=ana'))
    expect(await screen.findByText('1 user match')).toBeInTheDocument()
    expect(api.made('GET', '/api/v1/users/').at(-1).query).toEqual({ search: 'ana', page: '1', page_size: '20' })

    await user.selectOptions(screen.getByLabelText('Status'), 'Inactive')
    expect(where()).toBe('/admin/users?search=ana&is_active=false')
    expect(await screen.findByText('No users match. Try another search or status.')).toBeInTheDocument()
    expect(api.made('GET', '/api/v1/users/').at(-1).query).toEqual({ search: 'ana', is_active: 'false', page: '1', page_size: '20' })

    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(where()).toBe('/admin/users')
    expect(screen.getByLabelText('Search users')).toHaveValue('')
  })

  it('shows the API field errors of an invitation next to their fields', async () => {
    api.on('POST', '/api/v1/users/', [400, { email: ['An account with this email already exists.'], phone: ['This value does not match the required pattern.'] }])
    const user = userEvent.setup()
    renderAt('/admin/users')
    await user.click(screen.getByRole('button', { name: 'Invite user' }))
    const form = screen.getByRole('region', { name: 'Invite a user' })
    await user.type(within(form).getByLabelText('Email'), 'ana@example.com')
    await user.type(within(form).getByLabelText('First name'), 'Ana')
    await user.type(within(form).getByLabelText('Phone'), 'call me')
    await user.click(within(form).getByRole('button', { name: 'Send invitation' }))

    expect(await within(form).findByText('An account with this email already exists.')).toHaveAttribute('id', 'invite-email-error')
    expect(within(form).getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true')
    expect(within(form).getByLabelText('Email')).toHaveFocus()
    expect(within(form).getByLabelText('Phone')).toHaveAccessibleDescription('This value does not match the required pattern.')
    expect(within(form).getByText('Please correct the marked fields.')).toBeInTheDocument()
    expect(api.made('POST', '/api/v1/users/')[0].body).toEqual({
      email: 'ana@example.com',
      first_name: 'Ana',
      last_name: '',
      department: '',
      phone: 'call me',
    })
  })

  it('invites a user and opens the new account', async () => {
    const CAROL = { ...ANA, id: 9, email: 'carol@example.com', first_name: 'Carol', last_name: '', name: 'Carol', roles: [] }
    api.on('POST', '/api/v1/users/', [201, CAROL]).on('GET', '/api/v1/users/9/', [200, CAROL])
    const user = userEvent.setup()
    renderAt('/admin/users')
    await user.click(screen.getByRole('button', { name: 'Invite user' }))
    await user.type(screen.getByLabelText('Email'), 'carol@example.com')
    await user.click(screen.getByRole('button', { name: 'Send invitation' }))
    expect(await screen.findByText('Invitation sent to carol@example.com.')).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Invite a user' })).not.toBeInTheDocument()
    expect(where()).toBe('/admin/users?user=9')
    expect(await screen.findByRole('heading', { name: 'Carol', level: 2 })).toBeInTheDocument()
  })

  it('asks before deactivating and does nothing on cancel', async () => {
    const user = userEvent.setup()
    renderAt('/admin/users?user=7')
    await user.click(await screen.findByRole('button', { name: 'Deactivate user' }))
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Ana Lyst?' })
    expect(within(dialog).getByText(/signed out everywhere at once/)).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Deactivate user' }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(api.made('POST', /deactivate/)).toHaveLength(0)

    await user.click(screen.getByRole('button', { name: 'Deactivate user' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Deactivate' }))
    expect(await screen.findByText('Ana Lyst is deactivated.')).toBeInTheDocument()
    expect(api.made('POST', '/api/v1/users/7/deactivate/')).toHaveLength(1)
    expect(screen.getByRole('button', { name: 'Activate user' })).toBeInTheDocument()
  })

  it('shows the API message when a change is refused', async () => {
    api.on('POST', '/api/v1/users/7/deactivate/', [400, { detail: 'You cannot deactivate or reactivate your own account.' }])
    const user = userEvent.setup()
    renderAt('/admin/users?user=7')
    await user.click(await screen.findByRole('button', { name: 'Deactivate user' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Deactivate' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('You cannot deactivate or reactivate your own account.')
    expect(screen.getByRole('button', { name: 'Deactivate user' })).toBeInTheDocument()
  })

  it('edits the name fields', async () => {
    api.on('PATCH', '/api/v1/users/7/', (call) => [200, { ...ANA, ...call.body, name: 'Ana Lystova' }])
    const user = userEvent.setup()
    renderAt('/admin/users?user=7')
    const last = await screen.findByLabelText('Last name')
    await user.clear(last)
    await user.type(last, 'Lystova')
    await user.click(screen.getByRole('button', { name: 'Save details' }))
    expect(await screen.findByText('Details saved.')).toBeInTheDocument()
    expect(api.made('PATCH', '/api/v1/users/7/')[0].body).toEqual({ first_name: 'Ana', last_name: 'Lystova', department: 'IT', phone: '' })
    expect(screen.getByRole('heading', { name: 'Ana Lystova', level: 2 })).toBeInTheDocument()
  })

  it('lists grants per system: editable where the admin manages, read-only elsewhere', async () => {
    renderAt('/admin/users?user=7')
    expect(await screen.findByRole('button', { name: 'Revoke tts:Agent' })).toBeInTheDocument()
    const roles = screen.getByRole('region', { name: 'Roles' })
    const hdts = within(roles).getByRole('heading', { name: 'Help desk (hdts)' }).closest('li')
    expect(within(hdts).getByText('Viewer')).toBeInTheDocument()
    expect(within(hdts).getByText('Only a hdts admin can change these.')).toBeInTheDocument()
    expect(within(hdts).queryByRole('button')).not.toBeInTheDocument()
    expect(api.made('GET', '/api/v1/hdts/grants/')).toHaveLength(0)
    expect(api.made('GET', '/api/v1/tts/grants/')[0].query).toEqual({ page_size: '100', user_id: '7', is_active: 'true' })
    // the role select offers only what Ana does not hold yet
    const roleSelect = await screen.findByLabelText('Role')
    await waitFor(() => expect(within(roleSelect).getByRole('option', { name: 'Coordinator' })).toBeInTheDocument())
    expect(within(roleSelect).queryByRole('option', { name: 'Agent' })).not.toBeInTheDocument()
  })

  it('grants a role after confirmation with the right body', async () => {
    const user = userEvent.setup()
    renderAt('/admin/users?user=7')
    await screen.findByRole('button', { name: 'Revoke tts:Agent' })
    expect(screen.getByLabelText('System')).toHaveValue('tts')
    const roleSelect = screen.getByLabelText('Role')
    await waitFor(() => expect(within(roleSelect).getByRole('option', { name: 'Coordinator' })).toBeInTheDocument())
    await user.selectOptions(roleSelect, 'Coordinator')
    await user.click(screen.getByRole('button', { name: 'Grant role' }))
    const dialog = screen.getByRole('dialog', { name: 'Grant role?' })
    expect(dialog).toHaveTextContent('Give Ana Lyst the role Coordinator in tts?')
    expect(api.made('POST', '/api/v1/tts/grants/')).toHaveLength(0)
    await user.click(within(dialog).getByRole('button', { name: 'Grant' }))

    expect(await screen.findByText('Granted tts:Coordinator to Ana Lyst.')).toBeInTheDocument()
    expect(api.made('POST', '/api/v1/tts/grants/').map((call) => call.body)).toEqual([{ user_id: 7, role_id: 3 }])
    expect(await screen.findByRole('button', { name: 'Revoke tts:Coordinator' })).toBeInTheDocument()
    expect(screen.getByLabelText('Role')).toHaveValue('')
  })

  it('says so when no role was chosen', async () => {
    const user = userEvent.setup()
    renderAt('/admin/users?user=7')
    await screen.findByRole('button', { name: 'Revoke tts:Agent' })
    await user.click(screen.getByRole('button', { name: 'Grant role' }))
    expect(screen.getByText('Choose a role to grant.')).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('shows the API message when a grant is refused', async () => {
    api.on('POST', '/api/v1/tts/grants/', [403, { detail: 'You cannot change your own roles.' }])
    const user = userEvent.setup()
    renderAt('/admin/users?user=7')
    await screen.findByRole('button', { name: 'Revoke tts:Agent' })
    const roleSelect = screen.getByLabelText('Role')
    await waitFor(() => expect(within(roleSelect).getByRole('option', { name: 'Coordinator' })).toBeInTheDocument())
    await user.selectOptions(roleSelect, 'Coordinator')
    await user.click(screen.getByRole('button', { name: 'Grant role' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Grant' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not grant tts:Coordinator: You cannot change your own roles.')
    expect(screen.queryByRole('button', { name: 'Revoke tts:Coordinator' })).not.toBeInTheDocument()
  })

  it('revokes after confirmation, then refreshes the grants and the list', async () => {
    const user = userEvent.setup()
    renderAt('/admin/users?user=7')
    await user.click(await screen.findByRole('button', { name: 'Revoke tts:Agent' }))
    const dialog = screen.getByRole('dialog', { name: 'Revoke role?' })
    expect(dialog).toHaveTextContent('Take the role Agent in tts away from Ana Lyst?')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(api.made('DELETE', /grants/)).toHaveLength(0)

    const grantLoads = api.made('GET', '/api/v1/tts/grants/').length
    const listLoads = api.made('GET', '/api/v1/users/').length
    await user.click(screen.getByRole('button', { name: 'Revoke tts:Agent' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke' }))
    expect(await screen.findByText('Revoked tts:Agent from Ana Lyst. They were signed out.')).toBeInTheDocument()
    expect(api.made('DELETE', '/api/v1/tts/grants/50/')).toHaveLength(1)
    expect(await screen.findByText('No roles in tts.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Revoke tts:Agent' })).not.toBeInTheDocument()
    expect(api.made('GET', '/api/v1/tts/grants/').length).toBeGreaterThan(grantLoads)
    expect(api.made('GET', '/api/v1/users/').length).toBeGreaterThan(listLoads)
  })

  it('shows a load error with a retry', async () => {
    api.on('GET', '/api/v1/users/', [403, { detail: 'Requires an Admin role.' }])
    renderAt('/admin/users')
    expect(await screen.findByRole('alert')).toHaveTextContent('Requires an Admin role.')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })

  it('closes the panel', async () => {
    const user = userEvent.setup()
    renderAt('/admin/users?search=ana&user=7')
    await screen.findByRole('heading', { name: 'Ana Lyst', level: 2 })
    await user.click(screen.getByRole('button', { name: 'Close user details' }))
    expect(where()).toBe('/admin/users?search=ana')
    expect(screen.queryByRole('heading', { level: 2, name: 'Ana Lyst' })).not.toBeInTheDocument()
  })
})
