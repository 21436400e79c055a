import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'

import AgentTable, { DEFAULT_AGENT_SORT, sortAgents } from './AgentTable.jsx'

const row = (agent_id, name, items_handled, avg_minutes_per_item, open_items = 0) => ({
  agent_id,
  name,
  items_handled,
  avg_minutes_per_item,
  reassignments: 0,
  escalations: 0,
  open_items,
})
const ROWS = [row(1, 'carol', 9, 30, 1), row(2, 'Alice', 9, null, 4), row(3, 'Bob', 2, 600, 2)]
const ids = (rows) => rows.map((r) => r.agent_id)

describe('sortAgents', () => {
  it('sorts busiest first by default, ties in the API\'s order', () => {
    expect(ids(sortAgents(ROWS, DEFAULT_AGENT_SORT))).toEqual([1, 2, 3])
  })

  it('sorts names without regard to case', () => {
    expect(ids(sortAgents(ROWS, { key: 'name', direction: 'ascending' }))).toEqual([2, 3, 1])
    expect(ids(sortAgents(ROWS, { key: 'name', direction: 'descending' }))).toEqual([1, 3, 2])
  })

  it('puts rows without a figure last in either direction', () => {
    expect(ids(sortAgents(ROWS, { key: 'avg_minutes_per_item', direction: 'ascending' }))).toEqual([1, 3, 2])
    expect(ids(sortAgents(ROWS, { key: 'avg_minutes_per_item', direction: 'descending' }))).toEqual([3, 1, 2])
  })
})

describe('AgentTable', () => {
  it('toggles the direction and marks the sorted column', async () => {
    const user = userEvent.setup()
    render(<AgentTable rows={ROWS} />)
    const names = () => screen.getAllByRole('rowheader').map((cell) => cell.textContent)
    expect(screen.getByRole('columnheader', { name: /Items handled/ })).toHaveAttribute('aria-sort', 'descending')

    await user.click(screen.getByRole('button', { name: 'Agent' }))
    expect(names()).toEqual(['Alice', 'Bob', 'carol'])
    expect(screen.getByRole('columnheader', { name: /Agent/ })).toHaveAttribute('aria-sort', 'ascending')
    expect(screen.getByRole('columnheader', { name: /Items handled/ })).not.toHaveAttribute('aria-sort')

    await user.click(screen.getByRole('button', { name: 'Agent' }))
    expect(names()).toEqual(['carol', 'Bob', 'Alice'])

    await user.click(screen.getByRole('button', { name: 'Open items' }))
    expect(names()).toEqual(['Alice', 'Bob', 'carol'])
    const bob = screen.getByRole('row', { name: /Bob/ })
    expect(within(bob).getByText('10 h')).toBeInTheDocument()
    expect(within(screen.getByRole('row', { name: /Alice/ })).getByText('—')).toBeInTheDocument()
  })
})
