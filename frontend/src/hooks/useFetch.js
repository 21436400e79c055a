import { useCallback, useEffect, useRef, useState } from 'react'

// Data fetching in one place: {data, error, loading, reload}. `load` is called again when
// any of `deps` changes; a stale answer (deps changed meanwhile) is dropped.
export function useFetch(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true })
  const generation = useRef(0)
  const run = useCallback(() => {
    const mine = ++generation.current
    setState((previous) => ({ ...previous, loading: true, error: null }))
    return Promise.resolve()
      .then(load)
      .then(
        (data) => mine === generation.current && setState({ data, error: null, loading: false }),
        (error) => mine === generation.current && setState((previous) => ({ ...previous, error, loading: false })),
      )
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  useEffect(() => {
    run()
  }, [run])
  return { ...state, reload: run, setData: (data) => setState((s) => ({ ...s, data })) }
}
