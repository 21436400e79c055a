// What reactflow needs from the browser and jsdom lacks (only imported by tests): a
// ResizeObserver that reports at once (so nodes get measured and edges drawn), element
// sizes, the viewport's transform matrix and SVG boxes.
export function installReactFlowDom() {
  class ResizeObserver {
    constructor(callback) {
      this.callback = callback
    }
    observe(target) {
      this.callback([{ target }], this)
    }
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver = ResizeObserver

  class DOMMatrixReadOnly {
    constructor(transform) {
      const scale = /scale\(([\d.]+)\)/.exec(String(transform || ''))?.[1]
      this.m22 = scale !== undefined ? Number(scale) : 1
    }
  }
  globalThis.DOMMatrixReadOnly = DOMMatrixReadOnly

  Object.defineProperties(globalThis.HTMLElement.prototype, {
    offsetHeight: { configurable: true, get: () => 200 },
    offsetWidth: { configurable: true, get: () => 200 },
  })
  globalThis.SVGElement.prototype.getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 })
}
