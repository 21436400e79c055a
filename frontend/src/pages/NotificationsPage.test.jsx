import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as api from '../api/notifications.js'
import { ApiError } from '../api/http.js'
import NotificationsPage from './NotificationsPage.jsx'
import { Where } from '../test/routing.jsx'

vi.mock('../api/notifications.js', async (importOriginal) => ({
  ...(await importOriginal()),
  listNotifications: vi.fn(),
  markRead: vi.fn(),
  markAllRead: vi.fn(),
  deleteNotification: vi.fn(),
  getPreferences: vi.fn(),
  setPreferences: vi.fn(),
}))

const PREFS = {
  assignment: { in_app: true, email: true },
  transfer: { in_app: true, email: true },
  mention: { in_app: true, email: true },
  password_reset: { in_app: true, email: true },
  task_completed: { in_app: true, email: false },
}

const ITEM = {
  id: 11,
  type: 'assignment',
  title: 'Task assigned to you',
  body: 'Printer jam needs you.',
  link: 'http://localhost:1000/tasks/17',
  data: {},
  is_read: false,
  created_at: '2020-01-01T10:00:00Z',
}

function renderAt(url = '/notifications') {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route
          path="*"
          element={
            <>
              <NotificationsPage />
              <Where />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  )
}

const page = (results, count = results.length) => ({ count, next: null, previous: null, results })

describe('NotificationsPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.listNotifications.mockResolvedValue(page([ITEM, { ...ITEM, id: 12, title: 'Old one', body: '', is_read: true, link: '' }]))
    api.getPreferences.mockResolvedValue(PREFS)
    api.setPreferences.mockImplementation(async (body) => ({ ...PREFS, ...body }))
    api.markRead.mockImplementation(async (id, isRead) => ({ ...ITEM, id, is_read: isRead }))
    api.markAllRead.mockResolvedValue({ marked: 1 })
    api.deleteNotification.mockResolvedValue(null)
  })

  it('lists notifications with their actions', async () => {
    renderAt()
    expect(screen.getByRole('heading', { name: 'Notifications', level: 1 })).toBeInTheDocument()
    const list = await screen.findByRole('list', { name: 'Notifications' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(2)
    expect(within(list).getByText('Printer jam needs you.')).toBeInTheDocument()
    expect(within(list).getByRole('link', { name: /Open “Task assigned to you”/ })).toHaveAttribute('href', '/tasks/17')
    expect(api.listNotifications).toHaveBeenCalledWith({ page: 1, page_size: 20, is_read: undefined, type: undefined })
  })

  it('shows the empty and the error state', async () => {
    api.listNotifications.mockResolvedValueOnce(page([]))
    renderAt()
    expect(await screen.findByText('You have no notifications.')).toBeInTheDocument()
  })

  it('shows an error with a retry', async () => {
    api.listNotifications.mockRejectedValueOnce(new ApiError(500, { detail: 'Server trouble.' }))
    const user = userEvent.setup()
    renderAt()
    expect(await screen.findByText('Server trouble.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('list', { name: 'Notifications' })).toBeInTheDocument()
  })

  it('filters unread only and by type', async () => {
    const user = userEvent.setup()
    renderAt()
    await screen.findByRole('list', { name: 'Notifications' })
    await user.click(screen.getByRole('checkbox', { name: 'Unread only' }))
    await waitFor(() =>
      expect(api.listNotifications).toHaveBeenLastCalledWith({ page: 1, page_size: 20, is_read: 'false', type: undefined }),
    )
    await user.selectOptions(screen.getByLabelText('Type'), 'mention')
    await waitFor(() =>
      expect(api.listNotifications).toHaveBeenLastCalledWith({ page: 1, page_size: 20, is_read: 'false', type: 'mention' }),
    )
    expect(screen.getByTestId('where')).toHaveTextContent('/notifications?unread=1&type=mention')
  })

  it('marks one read, deletes one, and marks all read', async () => {
    const user = userEvent.setup()
    renderAt()
    await screen.findByRole('list', { name: 'Notifications' })
    await user.click(screen.getByRole('button', { name: 'Mark read: “Task assigned to you”' }))
    expect(api.markRead).toHaveBeenCalledWith(11, true)
    expect(await screen.findByRole('button', { name: 'Mark unread: “Task assigned to you”' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Delete “Old one”' }))
    expect(api.deleteNotification).toHaveBeenCalledWith(12)
    expect(await screen.findByText('Notification deleted.')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Mark all read' }))
    expect(api.markAllRead).toHaveBeenCalled()
    expect(await screen.findByText('Marked 1 notification as read.')).toBeInTheDocument()
  })

  it('saves preferences per type and channel', async () => {
    const user = userEvent.setup()
    renderAt()
    const email = await screen.findByRole('checkbox', { name: 'Email for assignment' })
    expect(email).toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'In app for assignment' })).toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'Email for task completed' })).not.toBeChecked()
    expect(screen.queryByRole('checkbox', { name: 'Email for password reset' })).not.toBeInTheDocument()
    await user.click(email)
    await user.click(screen.getByRole('button', { name: 'Save preferences' }))
    expect(api.setPreferences).toHaveBeenCalledWith({
      assignment: { in_app: true, email: false },
      transfer: { in_app: true, email: true },
      task_completed: { in_app: true, email: false },
      mention: { in_app: true, email: true },
    })
    expect(await screen.findByText('Preferences saved.')).toBeInTheDocument()
    expect(screen.getByRole('checkbox', { name: 'Email for assignment' })).not.toBeChecked()
  })
})
