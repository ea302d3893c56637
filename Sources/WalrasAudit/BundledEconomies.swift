// The economy `walras audit` checks when given no file, embedded so that
// the README's first command works from any directory. It is a copy of
// examples/production.json; a test keeps the two byte-identical.
enum BundledEconomies {
    static let production = #"""
{
  "format": "walras-economy/1",
  "name": "grain-and-bread",
  "description": "A production economy: a constant-returns farm turns labour into grain, a bakery with a capacity bound turns labour and grain into bread. The worker and the landlord own both firms half and half.",
  "commodities": ["labour", "grain", "bread"],
  "consumers": [
    { "name": "worker", "endowment": [10, 0, 0],
      "utility": { "kind": "cobb-douglas", "exponents": [0, "1/4", "3/4"] },
      "shares": { "farm": "1/2", "bakery": 0.5 } },
    { "name": "landlord", "endowment": [0, 2, 0],
      "utility": { "kind": "cobb-douglas", "exponents": [0, 0.5, 0.5] },
      "shares": { "farm": "1/2", "bakery": "1/2" } }
  ],
  "firms": [
    { "name": "farm", "technology": { "kind": "activities", "activities": [[-1, 2, 0]] } },
    { "name": "bakery", "technology": { "kind": "activities", "activities": [[-1, -1, 3]], "bound": 6 } }
  ]
}
"""#
}
