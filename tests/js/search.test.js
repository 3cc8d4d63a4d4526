// node --test tests/js/ — the site's changes to the theme's search results (docs/assets/javascripts/search/rank.js),
// on messages shaped like the theme's (Material 9.8.2, integrations/search: items = pages, each a list of results
// with score and the query terms found). Expected values written by hand; the Chromium tests (tests/test_search.py)
// check the served files end to end.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fold, queryWords, rewriteQuery, improve, highlight } from '../../docs/assets/javascripts/search/rank.js'

test('fold: no tone marks, đ → d, lowercase', () => {
  assert.equal(fold('Hộ nghèo Đóng tiền'), 'ho ngheo dong tien')
  assert.equal(fold('Lương hưu'.normalize('NFD')), 'luong huu')
})

test('query: every word but the one being typed is a whole word; accented words also looked up folded', () => {
  assert.equal(rewriteQuery('ho ngheo'), 'ho^1 ngheo')
  assert.equal(rewriteQuery('ho ngheo '), 'ho^1 ngheo^1')
  assert.equal(rewriteQuery('Hộ nghèo'), 'hộ^1 ho^1 nghèo ngheo')
  assert.equal(rewriteQuery('"ho ngheo"'), '"ho ngheo"', 'lunr syntax is left as typed')
  assert.deepEqual(queryWords('luong h').map((w) => w.prefix), [false, true])
})

const doc = (location, score, terms, text = '') => ({ location, title: location, text, score, terms })

test('pages with a result holding every word come first, and that result first in its page', () => {
  const result = {
    items: [
      [doc('hoi-dap/', 9, { ho: true, ngheo: false })],
      [doc('phuong-thuc-dong/', 8, { ho: true, ngheo: false })],
      [doc('muc-dong/', 7, { ho: true, ngheo: false }), doc('muc-dong/#nhom', 3, { ho: true, ngheo: true })],
    ],
  }
  const out = improve(result, queryWords('ho ngheo'))
  assert.deepEqual(out.items.map((page) => page.map((d) => d.location)),
    [['muc-dong/#nhom', 'muc-dong/'], ['hoi-dap/'], ['phuong-thuc-dong/']])
  const [best, article] = out.items[0]
  assert.equal(best.score, 3)
  assert.ok(article.score < best.score, 'a result ranked lower never shows above the one before it')
})

test('a word found only in the folded copy counts as found and is highlighted in the accented text', () => {
  const result = { items: [[doc('quyen-loi/', 5, { luong: true, huu: true }, '<p>Bạn nhận lương hưu khi <mark data-md-highlight>đủ</mark> tuổi.</p>')]] }
  const [[d]] = improve(result, queryWords('luong huu')).items
  assert.deepEqual(d.terms, { luong: true, huu: true })
  assert.equal(d.text, '<p>Bạn nhận <mark data-md-highlight>lương</mark> <mark data-md-highlight>hưu</mark> khi <mark data-md-highlight>đủ</mark> tuổi.</p>')
})

test('an accented word found as typed: its form is highlighted, not its look-alikes', () => {
  const words = queryWords('hộ ').map((w) => ({ w, exact: true }))
  assert.equal(highlight('hộ nghèo, hỗ trợ', words), '<mark data-md-highlight>hộ</mark> nghèo, hỗ trợ')
  assert.equal(highlight('a &amp; b <a href="ho">x</a>', queryWords('ho ').map((w) => ({ w, exact: false }))), 'a &amp; b <a href="ho">x</a>')
})
