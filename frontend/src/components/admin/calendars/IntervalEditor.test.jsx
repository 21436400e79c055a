import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'

import CalendarForm from './CalendarForm.jsx'

const CALENDAR = {
  id: 3,
  name: 'Berlin office',
  time_zone: 'Europe/Berlin',
  intervals: [{ weekday: 0, start: '09:00', end: '12:00' }],
  holidays: [],
}

function setup() {
  const onSave = vi.fn()
  const user = userEvent.setup()
  render(<CalendarForm calendar={CALENDAR} onSave={onSave} />)
  return { onSave, user }
}

// The message sits next to the row: the inputs name it in aria-describedby.
const messageFor = (input) => document.getElementById(input.getAttribute('aria-describedby'))

describe('the working-interval editor', { timeout: 20000 }, () => {
  it('adds an interval to a day and flags an overlap next to it', async () => {
    const { onSave, user } = setup()
    const monday = screen.getByRole('group', { name: 'Monday' })
    await user.click(within(monday).getByRole('button', { name: 'Add interval to Monday' }))

    const start = screen.getByLabelText('Start (Monday, interval 2)')
    expect(start).toHaveFocus()
    await user.type(start, '11:00')
    await user.type(screen.getByLabelText('End (Monday, interval 2)'), '13:00')
    await user.tab()

    expect(start).toHaveAttribute('aria-invalid', 'true')
    expect(messageFor(start)).toHaveTextContent('Overlaps 09:00–12:00.')

    // saving is refused, and now the row it runs into is marked as well
    await user.click(screen.getByRole('button', { name: 'Save calendar' }))
    expect(onSave).not.toHaveBeenCalled()
    expect(screen.getByText('Please correct the marked fields.')).toBeInTheDocument()
    expect(messageFor(screen.getByLabelText('Start (Monday, interval 1)'))).toHaveTextContent('Overlaps 11:00–13:00.')
  })

  it('wants each interval to start before it ends', async () => {
    const { onSave, user } = setup()
    const end = screen.getByLabelText('End (Monday, interval 1)')
    await user.clear(end)
    await user.type(end, '08:00')
    await user.tab()

    expect(messageFor(end)).toHaveTextContent('The start must be before the end.')
    await user.clear(end)
    await user.type(end, '09:00')
    expect(messageFor(end)).toHaveTextContent('The start must be before the end.')

    // fixed: the message goes away and the form saves
    await user.clear(end)
    await user.type(end, '12:30')
    expect(end).not.toHaveAttribute('aria-invalid')
    await user.click(screen.getByRole('button', { name: 'Save calendar' }))
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({ intervals: [{ weekday: 0, start: '09:00', end: '12:30' }] }),
    )
  })

  it('removes an interval and says a day without one is off', async () => {
    const { user } = setup()
    await user.click(screen.getByRole('button', { name: 'Remove Monday, interval 1' }))
    const monday = screen.getByRole('group', { name: 'Monday' })
    expect(within(monday).getByText('Not a working day.')).toBeInTheDocument()
    expect(within(monday).getByRole('button', { name: 'Add interval to Monday' })).toHaveFocus()
    // a week without working time cannot be saved
    await user.click(screen.getByRole('button', { name: 'Save calendar' }))
    expect(screen.getByText('Add at least one working interval.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Add interval to Monday' })).toHaveFocus()
  })
})
