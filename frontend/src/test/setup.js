import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// findBy*/waitFor give up after 1 s by default; on a loaded 2-core machine (the whole
// suite runs in parallel workers) a render can take longer without anything being wrong.
configure({ asyncUtilTimeout: 5000 })

afterEach(() => cleanup())
