// Module resolution hook (node:module register): the k6 modules a script imports resolve to the harness's
// implementations in ./k6/. Everything else resolves as usual.
const SHIMS = {
  k6: 'index.mjs',
  'k6/http': 'http.mjs',
  'k6/execution': 'execution.mjs',
  'k6/encoding': 'encoding.mjs',
  'k6/metrics': 'metrics.mjs',
};

export async function resolve(specifier, context, nextResolve) {
  if (Object.hasOwn(SHIMS, specifier)) {
    return { url: new URL(`./k6/${SHIMS[specifier]}`, import.meta.url).href, shortCircuit: true };
  }
  if (specifier === 'k6' || specifier.startsWith('k6/') || /^https?:/.test(specifier)) {
    throw new Error(`the harness does not implement '${specifier}': add it to k8s/k6/test/harness/k6 or do `
      + 'not use it in the scripts');
  }
  return nextResolve(specifier, context);
}
