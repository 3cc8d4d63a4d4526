// The calculator's data: assets/data/policy.json of the same build as the page. Each page names its
// build (<meta name="build-id">) and policy.json carries the same id (scripts/postbuild/policy_json.py). After a
// deploy on a slow connection, the service worker may answer with a saved copy of one and the network's copy of
// the other; the calculator must then not show figures that disagree with the page's own tables.
//
// loadPolicy() resolves to the parsed policy.json of this page's build:
//   1. policy.json as usual (through the service worker: network first, the saved copy when the network is slow);
//   2. if that is another build's, once more from the server, past the worker (cache: 'no-store').
// It rejects with a PolicyError whose `code` is
//   'stale_page'  the server has newer data than this page: the page is an old saved copy (reload it);
//   'unavailable' no policy.json of this build could be had (no network, or the server failed).
// `message` and `action` are the words to show, in the page's language (data/texts.yml offline.*, given by the
// page in <script type="application/json" id="policy-texts">; empty when the page has none).

const POLICY_URL = new URL('../../data/policy.json', import.meta.url)

export class PolicyError extends Error {
  constructor (code, texts) {
    super(texts[code] || code)
    this.name = 'PolicyError'
    this.code = code
    this.action = code === 'stale_page' ? texts.reload || '' : ''
  }
}

function pageTexts (doc) {
  const node = doc.getElementById('policy-texts')
  try { return node ? JSON.parse(node.textContent) : {} } catch { return {} }
}

async function fetchJson (url, init) {
  const res = await fetch(url, init)
  if (!res.ok) throw new Error(String(res.status))
  return res.json()
}

export async function loadPolicy ({ url = POLICY_URL, doc = document } = {}) {
  const texts = pageTexts(doc)
  const meta = doc.querySelector('meta[name="build-id"]')
  const want = meta ? meta.content : ''
  let first
  try {
    first = await fetchJson(url, { cache: 'no-cache' }) // figures change on fixed dates: revalidate
    if (!want || first.build === want) return first
  } catch { /* try the server itself below */ }
  let fresh
  try {
    const direct = new URL(url)
    direct.searchParams.set('build', want) // a new address: no HTTP cache on the way holds an older answer
    fresh = await fetchJson(direct, { cache: 'no-store' })
  } catch {
    throw new PolicyError('unavailable', texts)
  }
  if (fresh.build === want) return fresh
  throw new PolicyError('stale_page', texts)
}
