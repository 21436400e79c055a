import { render, screen } from '@testing-library/react'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { describe, expect, it, vi } from 'vitest'

import { useAuth } from '../auth/AuthContext.jsx'
import AdminLayout, { ADMIN_ONLY } from './AdminLayout.jsx'
import Layout from './Layout.jsx'

vi.mock('../auth/AuthContext.jsx', () => ({ useAuth: vi.fn() }))
vi.mock('./notifications/NotificationBell.jsx', () => ({ default: () => null }))

function renderAt(path) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route element={<Layout />}>
          <Route path="/tickets" element={<p>ticket list</p>} />
          <Route path="/admin" element={<AdminLayout />}>
            <Route path="workflows" element={<p>workflow list</p>} />
          </Route>
        </Route>
      </Routes>
    </MemoryRouter>,
  )
}

describe('AdminLayout', () => {
  it('sends a non-admin to the ticket list and says why', () => {
    useAuth.mockReturnValue({ user: { email: 'a@x.org' }, isAgent: true, isAdmin: false })

    renderAt('/admin/workflows')

    expect(screen.getByText('ticket list')).toBeInTheDocument()
    expect(screen.queryByText('workflow list')).not.toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent(ADMIN_ONLY)
    expect(screen.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument()
  })

  it('shows an admin the page and the admin navigation', () => {
    useAuth.mockReturnValue({ user: { email: 'root@x.org' }, isAgent: true, isAdmin: true })

    renderAt('/admin/workflows')

    expect(screen.getByText('workflow list')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Admin' })).toBeInTheDocument()
    const nav = screen.getByRole('navigation', { name: 'Admin' })
    expect(nav).toHaveTextContent('Workflows')
    expect(nav).toHaveTextContent('Audit log')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
