// How the site improves the theme's search for a resident (run inside the search worker, search/worker.js).
// Pure functions on the theme's messages: no DOM, no lunr. Why each step: overrides/README.md ("Search").

// Lowercase, NFC, without tone marks, đ → d: the folded copy of the index is made the same way (scripts/fmt.py fold).
export function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').normalize('NFC').toLowerCase()
}

// lunr's own syntax (quotes, + and - presence, ~ fuzziness, ^ boost, * wildcards, field:): such a query is left as typed.
const SYNTAX = /["+~^*:]|(^|\s)-/

// The words of a query as the reader typed them (lowercase, NFC) and folded. The last one is a prefix while the
// reader may still be typing it (no space after it yet).
export function queryWords(query) {
  const raw = String(query).normalize('NFC')
  const words = raw.toLowerCase().split(/[\s-]+/).filter(Boolean)
  const typing = !/\s$/.test(raw)
  return words.map((text, i) => ({ text, folded: fold(text), prefix: typing && i === words.length - 1 }))
}

// The query for the theme, which adds a trailing wildcard to every word: for "ho ngheo" it found "hoặc", "học" and
// "hỏi" for "ho" and put those pages above the ones about "hộ nghèo". Every word but the one being typed becomes a
// whole word ("ho^1": a boost of 1 changes no score, and the theme adds no wildcard to a word with a boost). A word
// typed with tone marks is also looked up without them, in the folded copy ("hộ" → "hộ^1 ho^1"), so a page is found
// the same way however its words are typed.
export function rewriteQuery(query) {
  const raw = String(query).normalize('NFC')
  if (SYNTAX.test(raw)) return raw
  return queryWords(raw)
    .flatMap((w) => (w.text === w.folded ? [w.text] : [w.text, w.folded]).map((term) => (w.prefix ? term : `${term}^1`)))
    .join(' ')
}

// The theme marks in `terms` each query term it found in a result (true), or did not find (false; a stop word it did
// not find is left out). Here per word of the reader: found in either form; left out if the theme left out both.
export function wordsFound(terms, words) {
  const out = {}
  for (const w of words) {
    if (!terms || (!(w.text in terms) && !(w.folded in terms))) continue
    out[w.text] = Boolean(terms[w.text] || terms[w.folded])
  }
  return out
}

function count(terms) {
  return Object.values(terms).filter(Boolean).length
}

// The theme ranks by lunr's score, which adds up the words' scores: a page where one common word comes often
// outranks the page that has every word. Pages with a result holding every word come first (the theme's order kept
// among them), and in each page its results holding every word come first. The theme shows a page's first result in
// full and folds those scoring below it under "more": scores are lowered, never raised, so it follows this order.
export function rerank(items, words) {
  const all = Math.max(0, ...items.flat().map((doc) => Object.keys(doc.terms).length))
  if (words.length < 2 || all < 2) return items
  const pages = items.map((group, index) => {
    const docs = group.map((doc, order) => ({ doc, order, full: count(doc.terms) === all }))
      .sort((a, b) => b.full - a.full || a.order - b.order)
    let cap = Infinity
    const ranked = docs.map(({ doc }) => {
      const score = Math.min(doc.score, cap)
      cap = score * 0.999
      return score === doc.score ? doc : { ...doc, score }
    })
    return { ranked, index, full: docs.some((d) => d.full) }
  })
  pages.sort((a, b) => b.full - a.full || a.index - b.index)
  return pages.map((page) => page.ranked)
}

// The theme highlights a word found through the folded copy in that copy, which is not shown: mark it in the
// accented title and text. A word found as typed (with its tone marks) matches as typed; one found folded matches
// whatever its tone marks. Whole words, the last word of the query as a prefix; marks already there are kept.
export function highlight(html, words) {
  if (typeof html !== 'string' || !words.length) return html
  let inMark = 0
  return html.split(/(<[^>]*>)/).map((part) => {
    if (part.startsWith('<')) {
      if (/^<mark\b/i.test(part)) inMark += 1
      else if (/^<\/mark>/i.test(part)) inMark -= 1
      return part
    }
    if (inMark > 0) return part
    return part.replace(/&[#\w]+;|[\p{L}\p{N}]+/gu, (word) => {
      if (word.startsWith('&')) return word
      const lower = word.normalize('NFC').toLowerCase()
      const hit = words.some(({ w, exact }) => {
        const [have, want] = exact ? [lower, w.text] : [fold(lower), w.folded]
        return w.prefix ? have.startsWith(want) : have === want
      })
      return hit ? `<mark data-md-highlight>${word}</mark>` : word
    })
  }).join('')
}

// A result message of the theme (`{items: [[doc, …], …], suggest}`), improved for the words the reader typed.
export function improve(result, words) {
  if (!result || !Array.isArray(result.items) || !words.length) return result
  const items = result.items.map((group) => group.map((doc) => {
    const terms = wordsFound(doc.terms, words)
    const marks = words.filter((w) => terms[w.text]).map((w) => ({ w, exact: w.text !== w.folded && Boolean(doc.terms[w.text]) }))
    if (!marks.length) return { ...doc, terms }
    return { ...doc, terms, title: highlight(doc.title, marks), text: highlight(doc.text, marks) }
  }))
  return { ...result, items: rerank(items, words) }
}
