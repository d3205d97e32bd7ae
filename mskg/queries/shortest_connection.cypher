// title: Shortest connection
// description: The shortest chain of relations (up to 4 hops, either direction) between two entities; of several equally short, the one whose ids come first. No row when none is within 4 hops; 0 hops when a and b are the same entity.
// param: a entity — one entity, e.g. person/mohand-laenser
// param: b entity — the other, e.g. state/ESP
/* Breadth-first, bounded by the size of the graph, not by the number of paths: FalkorDB
   rejects an undirected shortestPath, and enumerating paths ((a)-[*1..4]-(b)) never ends
   around a hub. A fixed-length pattern whose inner nodes are not named is evaluated as
   matrix products (the set of nodes k steps from a), so the first steps test for a walk of
   1, 2, 3, then 4 relations, each only while no shorter one was found; the first length
   found is the distance, and a walk that short is a path. The path is then built from a:
   each next node is the smallest id that is adjacent to the previous one and as many steps
   from b as are left, candidates taken from b's side (never a path enumeration). */
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
WITH a, b, CASE WHEN a = b THEN 0 END AS hops
OPTIONAL MATCH (a)--(w1:Entity)
WHERE hops IS NULL AND w1 = b
WITH a, b, hops, count(w1) AS n1
WITH a, b, coalesce(hops, CASE WHEN n1 > 0 THEN 1 END) AS hops
OPTIONAL MATCH (a)--(:Entity)--(w2:Entity)
WHERE hops IS NULL AND w2 = b
WITH a, b, hops, count(w2) AS n2
WITH a, b, coalesce(hops, CASE WHEN n2 > 0 THEN 2 END) AS hops
OPTIONAL MATCH (a)--(:Entity)--(:Entity)--(w3:Entity)
WHERE hops IS NULL AND w3 = b
WITH a, b, hops, count(w3) AS n3
WITH a, b, coalesce(hops, CASE WHEN n3 > 0 THEN 3 END) AS hops
OPTIONAL MATCH (a)--(:Entity)--(:Entity)--(:Entity)--(w4:Entity)
WHERE hops IS NULL AND w4 = b
WITH a, b, hops, count(w4) AS n4
WITH a, b, coalesce(hops, CASE WHEN n4 > 0 THEN 4 END) AS hops
WHERE hops IS NOT NULL
CALL {
  WITH a, b, hops
  WITH a, b WHERE hops = 0
  RETURN [a] AS path
  UNION ALL
  WITH a, b, hops
  WITH a, b WHERE hops = 1
  RETURN [a, b] AS path
  UNION ALL
  WITH a, b, hops
  WITH a, b WHERE hops = 2
  MATCH (b)--(v1:Entity)
  WITH DISTINCT a, b, v1
  MATCH (v1)--(a)
  WITH a, b, v1 ORDER BY v1.id LIMIT 1
  RETURN [a, v1, b] AS path
  UNION ALL
  WITH a, b, hops
  WITH a, b WHERE hops = 3
  MATCH (b)--(:Entity)--(v1:Entity)
  WITH DISTINCT a, b, v1
  MATCH (v1)--(a)
  WITH a, b, v1 ORDER BY v1.id LIMIT 1
  MATCH (b)--(v2:Entity)
  WITH DISTINCT a, b, v1, v2
  MATCH (v2)--(v1)
  WITH a, b, v1, v2 ORDER BY v2.id LIMIT 1
  RETURN [a, v1, v2, b] AS path
  UNION ALL
  WITH a, b, hops
  WITH a, b WHERE hops = 4
  MATCH (b)--(:Entity)--(:Entity)--(v1:Entity)
  WITH DISTINCT a, b, v1
  MATCH (v1)--(a)
  WITH a, b, v1 ORDER BY v1.id LIMIT 1
  MATCH (b)--(:Entity)--(v2:Entity)
  WITH DISTINCT a, b, v1, v2
  MATCH (v2)--(v1)
  WITH a, b, v1, v2 ORDER BY v2.id LIMIT 1
  MATCH (b)--(v3:Entity)
  WITH DISTINCT a, b, v1, v2, v3
  MATCH (v3)--(v2)
  WITH a, b, v1, v2, v3 ORDER BY v3.id LIMIT 1
  RETURN [a, v1, v2, v3, b] AS path
}
/* Between two consecutive nodes, the relation type that comes first. */
CALL {
  WITH path
  UNWIND range(0, size(path) - 2) AS i
  WITH i, path[i] AS x, path[i + 1] AS y
  MATCH (x)-[r]-(y)
  WITH i, min(type(r)) AS relation
  ORDER BY i
  RETURN collect(relation) AS relations
}
RETURN [n IN path | n.id] AS ids, relations, size(path) - 1 AS hops
