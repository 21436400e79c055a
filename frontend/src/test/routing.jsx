import { render } from '@testing-library/react'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom'

// Shows where the router is (path and query) for assertions: screen.getByTestId('where').
export function Where() {
  const location = useLocation()
  return <output data-testid="where">{location.pathname + location.search}</output>
}

// Renders `element` at `url` under a router whose route(s) `paths` lead to it, with <Where />.
export function renderRoute(url, paths, element) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        {[paths].flat().map((path) => (
          <Route
            key={path}
            path={path}
            element={
              <>
                {element}
                <Where />
              </>
            }
          />
        ))}
      </Routes>
    </MemoryRouter>,
  )
}
