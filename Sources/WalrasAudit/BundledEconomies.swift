// The economy `walras audit` checks when given no file, embedded so that
// the README's first command works from any directory. It is a copy of
// examples/agents-review-pipeline.json; a test keeps the two byte-identical.
enum BundledEconomies {
    static let defaultFile = "examples/agents-review-pipeline.json"

    static let reviewPipeline = #"""
{
  "format": "walras-agent-economy/1",
  "name": "review-pipeline",
  "description": "A planner hands work to a coder and a researcher; a reviewer checks both. Three metrics over a one-hour horizon in four 15-minute bins; GPU-seconds are scarcer in the two peak bins. One orchestrator owns the agents and the GPU budget and values tasks on both paths.",
  "horizon": 1,
  "basis": { "kind": "piecewise-constant", "bins": 4 },
  "metrics": ["throughput", "quality", "latency_headroom"],
  "resources": ["gpu_seconds"],
  "task": { "throughput": [1, 1, 1, 1], "quality": ["1/2", "1/2", "1/2", "1/2"], "latency_headroom": ["1/4", "1/4", "1/4", "1/4"] },
  "agents": [
    { "name": "planner", "capacity": 4,
      "modes": [
        { "name": "fast",
          "output": { "throughput": [8, 8, 8, 8], "quality": [2, 2, 2, 2], "latency_headroom": [3, 3, 2, 3] },
          "uses": { "gpu_seconds": [2, 2, 2, 2] } },
        { "name": "thorough",
          "output": { "throughput": [5, 5, 5, 5], "quality": [4, 4, 4, 4], "latency_headroom": [1, 1, "1/2", 1] },
          "uses": { "gpu_seconds": [3, 3, 3, 3] } } ] },
    { "name": "coder", "upstream": ["planner"], "capacity": 3,
      "modes": [
        { "name": "draft",
          "output": { "throughput": [6, 6, 6, 6], "quality": [2, 2, 2, 2], "latency_headroom": [2, 2, 1, 2] },
          "uses": { "gpu_seconds": [3, 3, 3, 3] } },
        { "name": "refine",
          "output": { "throughput": [4, 4, 4, 4], "quality": [5, 5, 5, 5], "latency_headroom": [1, 1, 1, 1] },
          "uses": { "gpu_seconds": [4, 4, 4, 4] },
          "inputs": { "planner": { "quality": ["1/2", "1/2", "1/2", "1/2"] } } } ] },
    { "name": "researcher", "upstream": ["planner"], "capacity": 3,
      "modes": [
        { "name": "search",
          "output": { "throughput": [5, 5, 5, 5], "quality": [3, 3, 3, 3], "latency_headroom": [2, 2, 1, 2] },
          "uses": { "gpu_seconds": [2, 3, 3, 2] } } ] },
    { "name": "reviewer", "upstream": ["coder", "researcher"], "capacity": 4,
      "modes": [
        { "name": "skim",
          "output": { "throughput": [7, 7, 7, 7], "quality": [2, 2, 2, 2], "latency_headroom": [3, 3, 2, 3] },
          "uses": { "gpu_seconds": [1, 1, 1, 1] } },
        { "name": "audit",
          "output": { "throughput": [4, 4, 4, 4], "quality": [5, 5, 5, 5], "latency_headroom": [1, 1, 1, 1] },
          "uses": { "gpu_seconds": [2, 2, 2, 2] } } ] }
  ],
  "orchestrators": [
    { "name": "ops",
      "endowment": { "gpu_seconds": [30, 20, 20, 30] },
      "welfare": { "kind": "cobb-douglas", "exponents": { "planner>coder>reviewer": 2, "planner>researcher>reviewer": 1 } },
      "shares": { "planner": 1, "coder": 1, "researcher": 1, "reviewer": 1 } }
  ]
}
"""#
}
