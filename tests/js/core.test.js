// node --test tests/js/ — the calculator core against the policy reference (../shared/policy-reference.md).
// Expected values are written from the reference (§5 worked examples, §10.3, §2.7 table, §3.9 rule),
// never from the core's own output. The policy data is the JSON the build writes (SITE_DIR or site/).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import * as core from '../../docs/assets/javascripts/calculator/core.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const site = process.env.SITE_DIR ? path.resolve(process.env.SITE_DIR) : path.join(root, 'site')
const jsonPath = path.join(site, 'assets/data/policy.json')
if (!existsSync(jsonPath)) throw new Error(`${jsonPath} is missing: build the site first (make site)`)
const P = JSON.parse(readFileSync(jsonPath, 'utf8'))

const c = (income, group, date, extra = {}) => core.contribution(P, { income, group, date, ...extra })
const throwsCode = (fn, code) => assert.throws(fn, (e) => {
  assert.ok(e instanceof Error)
  assert.equal(e.code, code)
  assert.ok(e.messageVi.length > 5 && e.messageEn.length > 5)
  assert.doesNotMatch(e.messageVi + e.messageEn, /NaN|undefined|\{a\}/)
  return true
})

test('§5 #1–#4: new regime at the floor, each group (2026)', () => {
  const want = { poor: [165000, 165000], near_poor: [132000, 198000], ethnic_minority: [99000, 231000], other: [66000, 264000] }
  for (const date of ['2025-07-01', '2026-06-30', '2026-07-01', '2026-12-31']) {
    for (const [g, [support, net]] of Object.entries(want)) {
      assert.deepEqual(c(1500000, g, date), { gross: 330000, support, net, floor: 1500000, ceiling: date < '2026-07-01' ? 46800000 : 50600000 })
    }
  }
})

test('§5 #5, #6: ceiling on both sides of 1/7/2026', () => {
  assert.equal(c(46800000, 'other', '2026-06-30').gross, 10296000)
  assert.equal(c(46800000, 'other', '2026-06-30').net, 10230000)
  throwsCode(() => c(46800001, 'other', '2026-06-30'), 'INCOME_ABOVE_CEILING')
  assert.equal(c(50600000, 'other', '2026-07-01').gross, 11132000)
  throwsCode(() => c(50600001, 'other', '2026-07-01'), 'INCOME_ABOVE_CEILING')
  assert.equal(c(50600000, 'poor', '2027-01-01').ceiling, 50600000)
})

test('§5 #7–#9: old regime, floor 700.000', () => {
  assert.equal(c(700000, 'other', '2020-01-01').gross, 154000)
  assert.equal(c(700000, 'poor', '2020-01-01').support, 46200)
  assert.equal(c(700000, 'near_poor', '2020-01-01').support, 38500)
  assert.equal(c(700000, 'other', '2020-01-01').support, 15400)
  assert.equal(c(700000, 'other', '2020-01-01').net, 138600)
  assert.equal(c(29800000, 'other', '2020-01-01').gross, 6556000)
  assert.equal(c(29800000, 'other', '2020-01-01').net, 6540600)
})

test('§5 #10: old regime, floor 1.500.000 (2022 – 6/2025)', () => {
  for (const date of ['2022-01-01', '2025-06-30']) {
    assert.deepEqual(['poor', 'near_poor', 'other'].map((g) => c(1500000, g, date).support), [99000, 82500, 33000])
    assert.deepEqual(['poor', 'near_poor', 'other'].map((g) => c(1500000, g, date).net), [231000, 247500, 297000])
    assert.equal(c(1500000, 'ethnic_minority', date).support, 33000) // no own rate before 1/7/2025
  }
})

test('§10.3: floor 2.200.000 from 1/1/2027; 1.500.000 refused then', () => {
  const nets = core.GROUPS.map((g) => c(2200000, g, '2027-01-01').net)
  assert.deepEqual(nets, [242000, 290400, 338800, 387200])
  assert.equal(c(2200000, 'other', '2027-01-01').gross, 484000)
  throwsCode(() => c(1500000, 'other', '2027-01-01'), 'INCOME_BELOW_FLOOR')
  throwsCode(() => c(2199999, 'other', '2027-01-01'), 'INCOME_BELOW_FLOOR')
  assert.equal(c(1500000, 'other', '2026-12-31').net, 264000)
  throwsCode(() => c(1499999, 'other', '2026-12-31'), 'INCOME_BELOW_FLOOR')
})

test('support does not depend on the chosen income; rounding half up on odd incomes', () => {
  assert.equal(c(3000000, 'other', '2026-07-01').support, 66000)
  assert.equal(c(3000000, 'other', '2026-07-01').net, 660000 - 66000)
  // 22% of 1.500.002 = 330.000,44 → 330.000; of 1.500.003 = 330.000,66 → 330.001; of 1.500.025 = 330.005,5 → 330.006
  assert.equal(c(1500002, 'other', '2026-05-01').gross, 330000)
  assert.equal(c(1500003, 'other', '2026-05-01').gross, 330001)
  assert.equal(c(1500025, 'other', '2026-05-01').gross, 330006)
})

test('provincial top-up adds to the rate, never beyond the whole contribution', () => {
  assert.equal(c(1500000, 'other', '2026-05-01', { topUp: 0.1 }).support, 99000) // Hà Nội "others" +10% (§2.4)
  const full = c(1500000, 'near_poor', '2026-05-01', { topUp: 0.6 })
  assert.deepEqual([full.support, full.net], [330000, 0])
  throwsCode(() => c(1500000, 'other', '2026-05-01', { topUp: -0.1 }), 'BAD_RATE')
})

test('the 120-month support cap', () => {
  assert.equal(c(1500000, 'other', '2026-05-01', { supportedMonths: 119 }).support, 66000)
  assert.equal(c(1500000, 'other', '2026-05-01', { supportedMonths: 120 }).support, 0)
  assert.equal(c(1500000, 'other', '2026-05-01', { supportedMonths: 120 }).net, 330000)
  const p = core.periodPayment(P, { income: 1500000, group: 'other', date: '2026-05-01', months: 12, supportedMonths: 115 })
  assert.deepEqual([p.gross, p.support, p.net], [3960000, 5 * 66000, 3960000 - 330000])
})

test('each payment method: amounts and deadlines (§2.5)', () => {
  const want = { 1: ['2026-03-31', 264000], 3: ['2026-05-31', 792000], 6: ['2026-06-30', 1584000], 12: ['2026-09-30', 3168000] }
  for (const [months, [deadline, net]] of Object.entries(want)) {
    const p = core.periodPayment(P, { income: 1500000, group: 'other', date: '2026-03-15', months: Number(months) })
    assert.equal(p.net, net)
    assert.equal(p.support, 66000 * Number(months))
    assert.equal(p.deadline, deadline)
  }
  assert.equal(core.periodPayment(P, { income: 2200000, group: 'poor', date: '2027-08-01', months: 12 }).deadline, '2028-02-29')
  throwsCode(() => core.periodPayment(P, { income: 1500000, group: 'other', date: '2026-03-15', months: 2 }), 'BAD_PERIOD')
})

test('advance payment: discounted sum (§3.4), support at nominal value', () => {
  const r = 0.0031
  for (const years of [1, 2, 5]) {
    const n = years * 12
    const a = core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years, rate: r })
    const v = 1 / (1 + r)
    const closed = 330000 * (1 - v ** n) / (1 - v) // geometric series
    assert.equal(a.months, n)
    assert.equal(a.nominal, 330000 * n)
    assert.ok(Math.abs(a.discounted - closed) <= 0.5 + 1e-6, `${a.discounted} vs ${closed}`)
    assert.ok(a.discounted < a.nominal)
    assert.equal(a.support, 66000 * n)
    assert.equal(a.net, a.discounted - 66000 * n)
  }
  const zero = core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 1, rate: 0 })
  assert.equal(zero.discounted, 3960000)
  // default rate from the data (0,31%/month in 2026, unconfirmed)
  assert.equal(core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 1 }).rate, 0.0031)
  const capped = core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 2, rate: r, supportedMonths: 110 })
  assert.equal(capped.support, 10 * 66000)
  throwsCode(() => core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 6 }), 'BAD_YEARS')
  throwsCode(() => core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 0 }), 'BAD_YEARS')
})

test('back payment: compounded sum (§3.5), at most 60 months', () => {
  const r = 0.0031
  for (const t of [1, 12, 60]) {
    const b = core.backPayment(P, { income: 1500000, months: t, date: '2026-05-01', rate: r })
    const closed = 330000 * ((1 + r) ** (t + 1) - (1 + r)) / r
    assert.ok(Math.abs(b.total - closed) <= 0.5 + 1e-6)
    assert.equal(b.nominal, 330000 * t)
    assert.ok(b.total > b.nominal)
  }
  throwsCode(() => core.backPayment(P, { income: 1500000, months: 61, date: '2026-05-01' }), 'BAD_MONTHS')
})

test('retirement month: Decree 135/2020 schedule (§2.7), both sexes, 2021–2035', () => {
  const cases = [
    ['male', 1965, 2, [2026, 8, 61, 6]], // [63]
    ['male', 1961, 1, [2021, 4, 60, 3]],
    ['male', 1961, 10, [2022, 4, 60, 6]],
    ['male', 1962, 5, [2022, 11, 60, 6]],
    ['male', 1962, 9, [2023, 6, 60, 9]],
    ['male', 1963, 6, [2024, 6, 61, 0]],
    ['male', 1966, 1, [2027, 10, 61, 9]],
    ['male', 1966, 4, [2028, 4, 62, 0]],
    ['male', 1970, 6, [2032, 6, 62, 0]],
    ['male', 1960, 9, [2020, 9, 60, 0]],
    ['female', 1966, 1, [2021, 5, 55, 4]],
    ['female', 1966, 9, [2022, 5, 55, 8]],
    ['female', 1969, 6, [2026, 6, 57, 0]],
    ['female', 1970, 1, [2027, 5, 57, 4]],
    ['female', 1972, 2, [2030, 6, 58, 4]],
    ['female', 1975, 3, [2034, 11, 59, 8]],
    ['female', 1975, 5, [2035, 5, 60, 0]],
    ['female', 1980, 12, [2040, 12, 60, 0]],
    ['female', 1964, 12, [2019, 12, 55, 0]],
  ]
  for (const [sex, birthYear, birthMonth, [year, month, ageYears, ageMonths]] of cases) {
    assert.deepEqual(core.retirement(P, { sex, birthYear, birthMonth }), { year, month, ageYears, ageMonths }, `${sex} ${birthMonth}/${birthYear}`)
  }
  throwsCode(() => core.retirement(P, { sex: 'x', birthYear: 1970, birthMonth: 1 }), 'BAD_SEX')
  throwsCode(() => core.retirement(P, { sex: 'male', birthYear: 1970, birthMonth: 13 }), 'BAD_BIRTH')
})

test('pension rates (§5 #14, §3.9) with odd months (Art 5(6))', () => {
  const d = '2026-07-01'
  const cases = [
    ['female', 15, 0, 0.45], ['female', 20, 0, 0.55], ['female', 30, 0, 0.75], ['female', 35, 0, 0.75],
    ['male', 15, 0, 0.40], ['male', 19, 0, 0.44], ['male', 20, 0, 0.45], ['male', 35, 0, 0.75], ['male', 40, 0, 0.75],
    ['female', 15, 6, 0.46], ['female', 15, 7, 0.47], ['female', 29, 7, 0.75], ['female', 19, 1, 0.54],
    ['male', 15, 1, 0.405], ['male', 19, 6, 0.445], ['male', 19, 7, 0.45], ['male', 34, 6, 0.74],
    ['male', 14, 11, 0], ['female', 14, 11, 0], ['female', 0, 0, 0],
  ]
  for (const [sex, years, months, rate] of cases) {
    assert.equal(core.pensionRate(P, { sex, years, months, date: d }), rate, `${sex} ${years}y${months}m`)
  }
  // before 1/7/2025 the law asked for 20 years; no rate rule of the new law exists then
  throwsCode(() => core.pensionRate(P, { sex: 'female', years: 20, months: 0, date: '2024-01-01' }), 'NO_PARAMETERS')
  throwsCode(() => core.pensionRate(P, { sex: 'female', years: 20, months: 12, date: d }), 'BAD_SERVICE')
  assert.equal(core.pensionEstimate(P, { sex: 'female', years: 20, months: 0, income: 3000000, date: d }), 1650000)
  assert.equal(core.pensionEstimate(P, { sex: 'male', years: 19, averageIncome: 5000000 }), 2200000) // 44%, today's law
  assert.equal(core.pensionEstimate(P, { sex: 'male', years: 10, income: 3000000, date: d }), 0)
  assert.equal(core.pensionRate(P, { sex: 'male', years: 35, months: 0 }), 0.75) // no date: today's law
})

test('income as people type it', () => {
  const cases = { '3.000.000': 3000000, '3000000': 3000000, '3 triệu': 3000000, '3tr': 3000000, '1,5 triệu': 1500000,
    '1.5 triệu': 1500000, '3,000,000': 3000000, '500 nghìn': 500000, '500k': 500000, ' 2 200 000 đ': 2200000, '2,2tr': 2200000 }
  for (const [text, n] of Object.entries(cases)) assert.equal(core.parseIncome(text), n, text)
  for (const bad of ['', 'abc', '3..000', '-1', '1.2.3', 'NaN']) throwsCode(() => core.parseIncome(bad), 'NOT_A_NUMBER')
})

test('invalid input throws a coded error; no NaN, undefined or negative amount ever', () => {
  throwsCode(() => c(NaN, 'other', '2026-05-01'), 'NOT_A_NUMBER')
  throwsCode(() => c('3000000', 'other', '2026-05-01'), 'NOT_A_NUMBER')
  throwsCode(() => c(3000000, 'rich', '2026-05-01'), 'BAD_GROUP')
  throwsCode(() => c(3000000, 'other', '2026-13-01'), 'BAD_DATE')
  throwsCode(() => c(3000000, 'other', 'today'), 'BAD_DATE')
  throwsCode(() => c(3000000, 'other', '2010-01-01'), 'NO_PARAMETERS')
  for (const date of ['2026-06-30', '2026-07-01', '2026-12-31', '2027-01-01']) {
    const { floor, ceiling } = core.bounds(P, date)
    for (let income = floor; income <= ceiling; income += 987_653) {
      for (const g of core.GROUPS) {
        for (const months of core.PERIODS) {
          const p = core.periodPayment(P, { income, group: g, date, months })
          for (const v of [p.gross, p.support, p.net]) assert.ok(Number.isInteger(v) && v >= 0)
        }
      }
    }
  }
})

test('review cases worked by hand from the reference (§2.4, §2.5, §2.7, §3.9)', () => {
  // §2.4: support is k × 22% × floor whatever the income chosen: near-poor 40% × 330,000 = 132,000.
  assert.deepEqual(c(3000000, 'near_poor', '2026-11-25'), { gross: 660000, support: 132000, net: 528000, floor: 1500000, ceiling: 50600000 })
  // §2.7: woman born 6/1970 needs 56y8m (2025 → 2/2027), 57y (2026 → 6/2027), 57y4m (2027 → 10/2027): 10/2027.
  assert.deepEqual(core.retirement(P, { sex: 'female', birthYear: 1970, birthMonth: 6 }), { year: 2027, month: 10, ageYears: 57, ageMonths: 4 })
  // §3.9 + Art 5(6): 7–11 odd months count as a full year, so a man with 19y7m is at 20 years → 45%;
  // 1–6 odd months count as half a year: 19y6m → 40% + 1% × 4.5 = 44.5%.
  assert.equal(core.pensionRate(P, { sex: 'male', years: 19, months: 7, date: '2026-11-25' }), 0.45)
  assert.equal(core.pensionRate(P, { sex: 'male', years: 19, months: 6, date: '2026-11-25' }), 0.445)
  assert.equal(core.pensionRate(P, { sex: 'male', years: 14, months: 11, date: '2026-11-25' }), 0) // eligibility needs 15 full years
  // §2.4 cap: 115 months already supported, 12 paid now → support for 5 months only (5 × 66,000).
  assert.equal(core.periodPayment(P, { income: 1500000, group: 'other', date: '2026-11-25', months: 12, supportedMonths: 115 }).support, 330000)
  // §2.5: 12 months at once, period from 1/2026 → pay within the first 7 months, by 31/07/2026.
  assert.equal(core.periodPayment(P, { income: 1500000, group: 'other', date: '2026-01-01', months: 12 }).deadline, '2026-07-31')
  // The English message writes amounts the English way (VND 2,200,000), the Vietnamese one 2.200.000 đồng.
  assert.throws(() => c(1500000, 'other', '2027-01-01'), (e) => {
    assert.match(e.messageEn, /VND 2,200,000/)
    assert.match(e.messageVi, /2\.200\.000 đồng/)
    return true
  })
})
