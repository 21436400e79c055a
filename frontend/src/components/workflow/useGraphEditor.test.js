import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { END_ID } from './graph.js'
import { useGraphEditor } from './useGraphEditor.js'

const x = (editor, id) => editor.nodes.find((n) => n.id === id).position.x

describe('useGraphEditor', () => {
  it('lays a graph built from the forms out as it is connected, until a step is dragged', () => {
    const { result } = renderHook(() => useGraphEditor())
    act(() => void result.current.load({ nodes: [], edges: [] }))
    const ids = []
    for (let n = 0; n < 3; n += 1) act(() => void ids.push(result.current.addStep()))
    const [a, b, c] = ids
    expect(new Set(ids.map((id) => x(result.current, id))).size).toBe(1) // stacked in one column

    act(() => void result.current.addTransition({ from: a, to: b, label: 'Approve' }))
    act(() => void result.current.addTransition({ from: b, to: c, label: 'Done' }))
    act(() => void result.current.addTransition({ from: c, to: END_ID, label: 'Resolve' }))

    // a chain reads left to right, End last
    expect(x(result.current, a)).toBeLessThan(x(result.current, b))
    expect(x(result.current, b)).toBeLessThan(x(result.current, c))
    expect(x(result.current, c)).toBeLessThan(x(result.current, END_ID))

    // once the admin drags a step, their arrangement is kept
    act(() =>
      result.current.onNodesChange([{ id: c, type: 'position', position: { x: 5, y: 900 }, dragging: true }]),
    )
    act(() => void result.current.addTransition({ from: a, to: END_ID, label: 'Reject', endStatus: 'rejected' }))
    expect(result.current.nodes.find((n) => n.id === c).position).toEqual({ x: 5, y: 900 })
  })

  it('keeps the stored positions of a loaded graph', () => {
    const { result } = renderHook(() => useGraphEditor())
    act(
      () =>
        void result.current.load({
          nodes: [
            { id: '1', name: 'A', role_id: 1, is_start: true, x: 300, y: 40 },
            { id: '2', name: 'B', role_id: 1, x: 10, y: 400 },
          ],
          edges: [],
        }),
    )
    act(() => void result.current.addTransition({ from: '1', to: '2', label: 'Next' }))
    expect(x(result.current, '1')).toBe(300)
    expect(x(result.current, '2')).toBe(10)
  })
})
