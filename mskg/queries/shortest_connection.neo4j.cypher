// title: Shortest connection
// description: The shortest chain of relations (up to 4 hops, either direction) between two entities; of several equally short, the one whose ids come first. No row when none is within 4 hops; 0 hops when a and b are the same entity.
// param: a entity — one entity, e.g. person/mohand-laenser
// param: b entity — the other, e.g. state/ESP
/* Neo4j finds shortest paths breadth-first itself; allShortestPaths (not shortestPath, which
   picks any one) lets the ids choose among equally short paths, as the portable form does.
   shortestPath-style searches refuse the same node at both ends, hence the second part. */
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*1..4]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
WITH [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | type(r)] AS relations,
     length(p) AS hops
ORDER BY ids, relations
LIMIT 1
RETURN ids, relations, hops
UNION ALL
MATCH (a:Entity {id: $a})
WHERE $a = $b
RETURN [a.id] AS ids, [] AS relations, 0 AS hops
