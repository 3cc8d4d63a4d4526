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
// The core says what is wrong with a code and the values for the message; the page has the words (calc.err_*).
const throwsCode = (fn, code, values) => assert.throws(fn, (e) => {
  assert.ok(e instanceof core.CalcError)
  assert.equal(e.code, code)
  if (values) assert.deepEqual(e.values, values)
  return true
})

test('§5 #1–#4: new regime at the floor, each group (2026)', () => {
  const want = { poor: [165000, 165000], near_poor: [132000, 198000], ethnic_minority: [99000, 231000], other: [66000, 264000] }
  for (const date of ['2025-07-01', '2026-06-30', '2026-07-01', '2026-12-31']) {
    for (const [g, [support, net]] of Object.entries(want)) {
      assert.deepEqual(c(1500000, g, date), { gross: 330000, support, net, floor: 1500000, ceiling: date < '2026-07-01' ? 46800000 : 50600000, topUp: 0 })
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
  assert.equal(c(1500000, 'other', '2026-05-01', { topUp: 0.1 }).topUp, 33000) // the province's 10% of 330.000
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
    // Never under-quote (legal review finding 10, §11): net discounts the support with the contribution, i.e.
    // (330.000 − 66.000) × the same series; the other reading takes 66.000 × n off at face value.
    assert.ok(Math.abs(a.net - 264000 * (1 - v ** n) / (1 - v)) <= 0.5 + 1e-6, `${a.net}`)
    assert.equal(a.netLow, a.discounted - 66000 * n)
    assert.ok(a.net > a.netLow)
  }
  // Legal review §3 and finding 10, paid 12/2026 at r = 0,31%: 5 years, poor household 9.049.074 (higher) against
  // 8.198.148; "khác" 14.478.519 against 14.138.148; gross discounted 18.098.148.
  const poor = core.advancePayment(P, { income: 1500000, group: 'poor', date: '2026-12-01', years: 5, rate: r })
  assert.deepEqual([poor.discounted, poor.net, poor.netLow], [18098148, 9049074, 8198148])
  const other = core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-12-01', years: 5, rate: r })
  assert.deepEqual([other.net, other.netLow], [14478519, 14138148])
  const zero = core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 1, rate: 0 })
  assert.equal(zero.discounted, 3960000)
  // default rate from the data (0,31%/month in 2026, unconfirmed)
  assert.equal(core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 1 }).rate, 0.0031)
  const capped = core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 2, rate: r, supportedMonths: 110 })
  assert.equal(capped.support, 10 * 66000)
  // only the first 10 months are supported: net = gross series over 24 months − 66.000 × the series over 10 months
  const v = 1 / (1 + r)
  assert.ok(Math.abs(capped.net - (330000 * (1 - v ** 24) - 66000 * (1 - v ** 10)) / (1 - v)) <= 0.5 + 1e-6)
  throwsCode(() => core.advancePayment(P, { income: 1500000, group: 'other', date: '2026-05-01', years: 6 }), 'BAD_YEARS', { a: 5 })
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
  throwsCode(() => core.backPayment(P, { income: 1500000, months: 61, date: '2026-05-01' }), 'BAD_MONTHS', { a: 60 })
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
  throwsCode(() => core.retirement(P, { sex: 'male', birthYear: 1970, birthMonth: 13 }), 'BAD_BIRTH', { from: 1930, to: 2015 })
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
  assert.equal(core.pensionEstimate(P, { sex: 'male', years: 19, income: 5000000, date: d }), 2200000) // 44%
  assert.equal(core.pensionEstimate(P, { sex: 'male', years: 10, income: 3000000, date: d }), 0)
  // The core never reads the clock: without a date there is no law to apply.
  throwsCode(() => core.pensionRate(P, { sex: 'male', years: 35, months: 0 }), 'BAD_DATE')
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
  assert.deepEqual(c(3000000, 'near_poor', '2026-11-25'), { gross: 660000, support: 132000, net: 528000, floor: 1500000, ceiling: 50600000, topUp: 0 })
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
  // The error carries the floor as a number; the page writes it (2.200.000 đồng, VND 2,200,000).
  throwsCode(() => c(1500000, 'other', '2027-01-01'), 'INCOME_BELOW_FLOOR', { a: 2200000 })
})

// ---------------------------------------------------------------------------------------------------------------
// Service months, retirement outlook and what people type. Expected values worked out by hand below, on the law:
// Law 41/2024 Art 98 (15 years), Art 99 (rates), Art 5(6) (odd months), Art 101 (pension start), Art 36(2)(e) and
// Decree 159/2025 Art 7 (at most 60 missing months at once), Art 5(3) (time paid out is not counted), Art 111(1)
// (15 years compulsory), Art 141(9) (joined before 1/1/2021, 20 voluntary years → 60/55); Decree 135/2020 Art 4 (§2.7).

const look = (extra) => core.outlook(P, { paidMonths: 0, date: '2026-12-01', ...extra })
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]))
const KEYS = ['retirementYear', 'retirementMonth', 'reached', 'monthsAtRetirement', 'shortMonths', 'lumpSumAllowed']

test('outlook: the issue example, woman born 3/1979 who starts in 4/2025', () => {
  // Women need 60 from 2035 on (§2.7): 3/1979 + 60 = 3/2039. Paying 4/2025 through 3/2039: 9 + 13 × 12 + 3 = 168
  // months; the law of 2039 asks 15 years = 180 months (Art 98): 12 short, within the 60 of Decree 159 Art 7.
  const o = core.outlook(P, { sex: 'female', birthYear: 1979, birthMonth: 3, paidMonths: 0, date: '2025-04-15' })
  assert.deepEqual(pick(o, KEYS), { retirementYear: 2039, retirementMonth: 3, reached: false, monthsAtRetirement: 168, shortMonths: 12, lumpSumAllowed: true })
  // Paying on after the age, 4/2039 … 3/2040 closes the gap; the pension start is then not known (Art 101(2), (3)).
  assert.deepEqual(o.fullBy, { year: 2040, month: 3 })
  assert.equal(o.pensionFrom, null)
  assert.equal(o.rate, 0)
  assert.equal(o.rateWhenFull, 0.45) // women: 45% at 15 years (Art 99(1)(a))
})

test('outlook: past the age, with and without enough time', () => {
  // Woman born 3/1950: 55 before the roadmap (§2.7) → 3/2005, long reached. 10 years paid: 60 months short, exactly
  // the most one lump sum may cover; paying monthly from 12/2026, 60 months end in 11/2031.
  let o = look({ sex: 'female', birthYear: 1950, birthMonth: 3, paidMonths: 120 })
  assert.deepEqual(pick(o, KEYS), { retirementYear: 2005, retirementMonth: 3, reached: true, monthsAtRetirement: 120, shortMonths: 60, lumpSumAllowed: true })
  assert.deepEqual([o.fullBy, o.lumpSumFrom, o.pensionFrom], [{ year: 2031, month: 11 }, null, null])
  assert.deepEqual([o.ageYears, o.ageMonths], [76, 9]) // 3/1950 → 12/2026
  // Man born 1/1965: 61y6m in 2026 → 7/2026 (reached by 12/2026). Nothing paid: 180 short, more than 60, so he pays
  // monthly: all of it by 11/2041 (12/2026 + 179 months), or 120 months (12/2026 … 11/2036) and then 60 at once.
  o = look({ sex: 'male', birthYear: 1965, birthMonth: 1 })
  assert.deepEqual(pick(o, KEYS), { retirementYear: 2026, retirementMonth: 7, reached: true, monthsAtRetirement: 0, shortMonths: 180, lumpSumAllowed: false })
  assert.deepEqual([o.fullBy, o.lumpSumFrom], [{ year: 2041, month: 11 }, { year: 2036, month: 11 }])
  // Man born 2/1965 with 20 years: reached 8/2026 and eligible; 45% at 20 years for men (Art 99(1)(b)); he may still
  // be paying, so the start month is not known (Art 101(2)).
  o = look({ sex: 'male', birthYear: 1965, birthMonth: 2, paidMonths: 240 })
  assert.deepEqual(pick(o, ['reached', 'shortMonths', 'rate', 'pensionFrom', 'fullBy']), { reached: true, shortMonths: 0, rate: 0.45, pensionFrom: null, fullBy: null })
})

test('outlook: a woman of 50 who starts now is 65 months short at 60 (legal review finding 6)', () => {
  // Born 6/1976: 60 in 6/2036. 12/2026 … 6/2036 = 1 + 9 × 12 + 6 = 115 months (9 years 7 months): 65 short, more
  // than one lump sum may cover. Paying on: 7/2036 + 64 = 11/2041; or 5 more months (7–11/2036), then 60 at once.
  const o = look({ sex: 'female', birthYear: 1976, birthMonth: 6 })
  assert.deepEqual(pick(o, KEYS), { retirementYear: 2036, retirementMonth: 6, reached: false, monthsAtRetirement: 115, shortMonths: 65, lumpSumAllowed: false })
  assert.deepEqual([o.fullBy, o.lumpSumFrom], [{ year: 2041, month: 11 }, { year: 2036, month: 11 }])
  assert.deepEqual([o.ageYears, o.ageMonths], [50, 6])
  assert.deepEqual(o.stop, { months: 0, shortMonths: 180, lumpSumAllowed: false, rate: 0 })
})

test('outlook: eligible at the age; compulsory years (Art 111); stop now', () => {
  // Man born 5/1980: 62 → 5/2042. 18 years paid + 12/2026 … 5/2042 (1 + 15 × 12 + 5 = 186) = 402 months = 33y6m:
  // 45% + 2% × 13.5 (six odd months = half a year, Art 5(6)) = 72%. Pension from the month after: 6/2042 (Art 101(1)).
  const o = look({ sex: 'male', birthYear: 1980, birthMonth: 5, paidMonths: 216, compulsoryMonths: 192 })
  assert.deepEqual(pick(o, KEYS), { retirementYear: 2042, retirementMonth: 5, reached: false, monthsAtRetirement: 402, shortMonths: 0, lumpSumAllowed: false })
  assert.equal(o.rate, 0.72)
  assert.deepEqual(o.pensionFrom, { year: 2042, month: 6 })
  assert.equal(o.compulsoryRules, true) // 16 years compulsory ≥ 15
  // Stopping now: 18 years → men 40% + 1% × 3 = 43% (Art 99(1)(b)).
  assert.deepEqual(o.stop, { months: 216, shortMonths: 0, lumpSumAllowed: false, rate: 0.43 })
  assert.equal(look({ sex: 'male', birthYear: 1980, birthMonth: 5, paidMonths: 216, compulsoryMonths: 179 }).compulsoryRules, false)
})

test('outlook: time paid out as BHXH một lần does not count (Art 5(3))', () => {
  // Woman born 8/1985, 8 years paid of which 5 paid out: 3 years count. 60 → 8/2045; 12/2026 … 8/2045 = 1 + 18 × 12
  // + 8 = 225; 36 + 225 = 261 months = 21y9m → 22 years for the rate → 45% + 2% × 7 = 59%.
  const o = look({ sex: 'female', birthYear: 1985, birthMonth: 8, paidMonths: 96, withdrawnMonths: 60 })
  assert.deepEqual([o.countedMonths, o.monthsAtRetirement, o.shortMonths, o.rate], [36, 261, 0, 0.59])
  assert.equal(o.stop.shortMonths, 144)
  throwsCode(() => look({ sex: 'female', birthYear: 1985, birthMonth: 8, paidMonths: 12, withdrawnMonths: 13 }), 'BAD_WITHDRAWN', { a: 12 })
  throwsCode(() => look({ sex: 'female', birthYear: 1985, birthMonth: 8, paidMonths: 96, withdrawnMonths: 60, compulsoryMonths: 40 }), 'BAD_COMPULSORY', { a: 36 })
  throwsCode(() => look({ sex: 'female', birthYear: 1985, birthMonth: 8, paidMonths: 1.5 }), 'BAD_SERVICE')
  throwsCode(() => look({ sex: 'female', birthYear: 1985, birthMonth: 8, date: '01/12/2026' }), 'BAD_DATE')
})

test('outlook: the transitional rule of Art 141(9)', () => {
  // Woman born 4/1972 who joined before 2021 with 18y8m (224 months) of voluntary insurance: general rule 8/2030
  // (58y4m in 2030, §2.7). Art 141(9): 55 (4/2027) and 20 voluntary years: 16 more months, 12/2026 … 3/2028 → 3/2028,
  // aged 55y11m, earlier than 8/2030. Rate at 20 years: 45% + 2% × 5 = 55%.
  const base = { sex: 'female', birthYear: 1972, birthMonth: 4, paidMonths: 224 }
  const o = look({ ...base, joinedBefore: true })
  assert.deepEqual([o.retirementYear, o.retirementMonth], [2030, 8])
  assert.deepEqual(pick(o.transitional, ['year', 'month', 'cutoff', 'needMonths', 'ageYears', 'reached', 'ageThenYears', 'ageThenMonths', 'rate']),
    { year: 2028, month: 3, cutoff: '2021-01-01', needMonths: 240, ageYears: 55, reached: false, ageThenYears: 55, ageThenMonths: 11, rate: 0.55 })
  assert.equal(look(base).transitional, null) // did not say she joined before 2021
  // 5 of those years compulsory: 164 voluntary months, 76 more → 3/2033, after 8/2030: nothing to add.
  assert.equal(look({ ...base, joinedBefore: true, compulsoryMonths: 60 }).transitional, null)
  // Man born 1/1965 with 20 voluntary years who joined before 2021: 60 in 1/2025 and 20 years: eligible now.
  const m = look({ sex: 'male', birthYear: 1966, birthMonth: 3, paidMonths: 240, joinedBefore: true })
  assert.equal(m.reached, false) // general rule: 3/1966 + 62 = 3/2028
  assert.equal(m.transitional.reached, true)
})

test('retirement age of a year and years to the maximum rate', () => {
  // §2.7 table (Decree 135/2020 Art 4): 2020 60/55; 2026 61y6m / 57y; 2028 men 62 (final); 2035 women 60 (final).
  const age = (sex, year) => core.retirementAgeIn(P, { sex, year })
  assert.deepEqual([age('male', 2020), age('female', 2020)], [{ years: 60, months: 0 }, { years: 55, months: 0 }])
  assert.deepEqual([age('male', 2026), age('female', 2026)], [{ years: 61, months: 6 }, { years: 57, months: 0 }])
  assert.deepEqual([age('male', 2028), age('male', 2040)], [{ years: 62, months: 0 }, { years: 62, months: 0 }])
  assert.deepEqual([age('female', 2034), age('female', 2035)], [{ years: 59, months: 8 }, { years: 60, months: 0 }])
  // Art 99: women 45% + 2% a year to 75% → 30 years; men 45% at 20 + 2% a year → 35 years.
  assert.equal(core.yearsToMaxRate(P, { sex: 'female', date: '2026-12-01' }), 30)
  assert.equal(core.yearsToMaxRate(P, { sex: 'male', date: '2026-12-01' }), 35)
})

test('dates and lengths of time as people type them', () => {
  for (const t of ['01/12/2026', '1/12/2026', '1-12-2026', '1.12.2026', '2026-12-01', ' 01/12/2026 ']) assert.equal(core.parseDate(t), '2026-12-01', t)
  for (const bad of ['31/02/2026', '2026-13-01', '12/2026', 'abc', '', '32/1/2026']) throwsCode(() => core.parseDate(bad), 'BAD_DATE')
  const cases = { '': 0, 5: 60, '5 năm': 60, '5,5': 66, '5.5': 66, '5 năm 6 tháng': 66, '5 nam 6 thang': 66, '18 tháng': 18,
    '6 tháng': 6, '5y6m': 66, '5 years 6 months': 66, '1 year': 12, 60: 720 }
  for (const [t, n] of Object.entries(cases)) assert.equal(core.parseDuration(t), n, t)
  for (const bad of ['abc', '5 6', '5 năm 12 tháng', '61', '-1', '5.5 năm 2 tháng']) throwsCode(() => core.parseDuration(bad), 'BAD_DURATION', { a: 60 })
})

test('when figures hold (window) and when a period crosses a change', () => {
  // On 01/12/2026: reference level 2.530.000 since 01/07/2026 (Decree 161/2026), floor 1.500.000 until 31/12/2026
  // (2.200.000 from 01/01/2027, Decree 351/2025). The floor alone has been 1.500.000 since 01/01/2022: the 2026
  // entry keeps the amount, so it does not start a new window.
  assert.deepEqual(core.window(P, ['income_floor', 'reference_level', 'support_rates'], '2026-12-01'), { start: '2026-07-01', end: '2026-12-31' })
  assert.deepEqual(core.window(P, ['income_floor'], '2026-12-01'), { start: '2022-01-01', end: '2026-12-31' })
  assert.deepEqual(core.window(P, ['contribution_rate'], '2026-12-01'), { start: '2016-01-01', end: null }) // 22% throughout
  assert.deepEqual(core.window(P, ['no_such_key'], '2026-12-01'), { start: null, end: null })
  // 3 months from 12/2026: pay within the 3 months (Art 36(3)(b)), by 28/02/2027, after the change.
  const p = core.periodPayment(P, { income: 1500000, group: 'other', date: '2026-12-01', months: 3 })
  assert.deepEqual([p.deadline, p.lastMonth], ['2027-02-28', '2027-02-28'])
})

test('a provincial top-up in the data adds to the State support from its date', () => {
  const withTopUp = { ...P, parameters: { ...P.parameters, provincial_top_up: { values: [{ effective_from: '2026-01-01', effective_to: null, value: { poor: 0.5, near_poor: 0.6, ethnic_minority: 0, other: 0.1 } }] } } }
  const t = (group, date) => core.contribution(withTopUp, { income: 1500000, group, date })
  // Hà Nội from 2026 (§2.4): others 20% + 10% of 330.000 = 99.000 (33.000 of it the city's) → 231.000;
  // poor 50% + 50% and near-poor 40% + 60%: the whole 330.000.
  assert.deepEqual([t('other', '2026-05-01').support, t('other', '2026-05-01').topUp, t('other', '2026-05-01').net], [99000, 33000, 231000])
  assert.deepEqual([t('poor', '2026-05-01').net, t('near_poor', '2026-05-01').net, t('ethnic_minority', '2026-05-01').net], [0, 0, 231000])
  assert.deepEqual([t('other', '2025-12-31').support, t('other', '2025-12-31').topUp], [66000, 0]) // before its date
  assert.equal(core.topUpRate(withTopUp, 'other', '2026-05-01'), 0.1)
  assert.equal(core.topUpRate(P, 'other', '2026-05-01'), 0) // the sample office sets none
  assert.deepEqual(core.window(withTopUp, ['income_floor', 'provincial_top_up'], '2026-05-01'), { start: '2026-01-01', end: '2026-12-31' })
})

test('amounts called "khoảng" are rounded to the thousand, up for what is paid, down for what is received', () => {
  assert.deepEqual([core.about(14478519), core.about(14478000), core.about(1), core.about(0)], [14479000, 14478000, 1000, 0])
  assert.deepEqual([core.about(1234567, false), core.about(1380000, false)], [1234000, 1380000])
})
