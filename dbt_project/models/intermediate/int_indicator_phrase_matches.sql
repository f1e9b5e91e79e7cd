-- sqlfluff:exclude_rules:LT02,RF03,RF04,ST06,LT09,LT14,AM04,AL05,LT05
-- (jinja loops write this model's CASE branches and UNION rows: sqlfluff cannot place their indent)
{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='indicator_text',
    post_hook="{{ delete_stale_phrases(ref('int_indicator_phrase_cuts'), ['indicator_aliases', 'indicators']) }}",
) }}
-- Incremental: only the phrases new since the last build are computed (macros/incremental_phrases.sql).
-- The per-phrase half of indicator matching (int_figure_indicators applies the per-figure half:
-- the measure, the unit gate, the key flag). One row per distinct phrase of
-- int_indicator_phrase_cuts, with the keys it is matched by and the candidates of rules 1-3 of
-- int_figure_indicators; the class candidates (rule 4) are int_indicator_phrase_classes.
-- Incremental by phrase, like the key tables it reads. Both the phrase and every alias are
-- first brought to one spelling (macros/spelled.sql, computed once per text in
-- int_indicator_phrase_keys and int_indicator_alias_keys: spaces, quotes, full-width brackets,
-- 规上 = 规模以上, 地区生产总值/生产总值 = GDP, R&D = 研发; then a trailing 总额/总值 dropped,
-- macros/without_total.sql), so one alias row covers its variants. The phrase's cuts (a leading
-- year, plan period and scope word; a trailing counting word; a growth's change words) are
-- int_indicator_phrase_cuts, a table. Per phrase:
--   alias (rules 1-2): exact: the phrase is an alias, up to spelling (phrase_key); scope_prefix:
--      its scoped_key is an alias, failing that its counted_key; growth_indicator_id: the alias
--      without its change words (growth_key), which only a growth or point change may use;
--   headline (rule 3, scoped_headline): the phrase (its scoped key, or without the counting
--      word) ends with a headline's alias (the longest) after a scope (东部 of 东部地区生产总值:
--      2–10 characters, none of not_scope_words, no digit, not ending inside a word with the
--      alias); a conjunction may join two scopes (庆阳、酒泉), a sub-annual period alone is one
--      (一季度); with the headline's unit family, which a level's unit must be of;
--   flow (rule 3 too): a flow verb before 人才/经营主体 (引进顶尖人才) gives the flow's headline
--      (talent_inflow), the prefix as scope.
{#- scoped_headline: what may not precede a headline's alias. A scope (a region, a sector, an
    ownership or park word) narrows who is counted; these change what is measured (a change, a
    flow since a date, a per-head or per-unit ratio, a period, a conjunction of two things, a
    verb (引进顶尖人才 is an inflow, not a stock; 办理, 建设, 获批 …), an adverb (认真, 高质量), a
    per-unit word (亩均), a year (五年, 近两年). A one-character scope (市, 净, 新) is a fragment. -#}
{%- set not_scope_words = [
    '新增', '增加', '减少', '净增', '新建', '建成', '新签', '新开工', '开工', '累计', '增长', '下降', '提高', '降低',
    '提升', '实现', '完成', '达到', '突破', '超过', '拉动', '带动', '贡献', '人均', '单位', '每', '年均', '平均',
    '同比', '上年', '去年', '今年', '当年', '全年', '年度', '季度', '上半年', '下半年', '月', '期间', '以来', '时期',
    '目标', '计划', '预计', '力争', '确保', '占', '其中', '或', '，', '的', '非', '除',
    '引进', '引育', '引才', '培养', '培育', '集聚', '吸引', '招募', '招引', '留用', '遴选', '支持', '认定', '输送',
    '办理', '办结', '办复', '建设', '已建', '在建', '获批', '形成', '重组', '入列', '成为', '用于', '接待', '登记',
    '新设', '入库', '结对', '吸纳', '输出', '认真', '圆满', '高质量', '精准', '稳定', '按时', '列入', '拟', '亩均',
    '年',
] %}
{#- A conjunction (和, 及, 与, 、) may join two scopes (庆阳、酒泉 of 庆阳、酒泉经济总量, 城市副中心和平原新城),
    never two measured things: it refuses the prefix when it ends it (出口和|进出口额) or follows a
    character that ends an amount's name (研发投入和高技术产业|增加值, 零售总额、|固定资产投资). -#}
{%- set conjunctions = ['和', '及', '与', '、'] %}
{%- set amount_ends = ['额', '值', '量', '率', '入', '资', '出', '口', '数', '比', '重', '费', '金', '价', '收', '支', '款', '度'] %}
{#- A sub-annual period or a span of recent years is a scope of its own (一季度 of 一季度国内生产总值:
    gdp:一季度, never the year's; 近3年 likewise, a span, not the year);
    inside a longer prefix 季度/月/半年 still refuse it. -#}
{%- set period_scopes = ['一季度', '二季度', '三季度', '四季度', '第一季度', '第二季度', '第三季度', '第四季度',
    '前三季度', '上半年', '下半年', '近两年', '近三年', '近五年', '近3年', '近5年'] %}
{#- and the months from January (1—11月 of 1—11月规模以上工业能耗强度) -#}
{%- for n in range(2, 12) %}{% for dash in ['—', '-'] %}{% do period_scopes.append('1' ~ dash ~ n ~ '月') %}{% endfor %}{% endfor %}
{#- Flows of a headline: a verb before the head that says the thing came in, was trained or was
    selected makes the phrase a flow with a headline of its own (引进顶尖人才: talent_inflow scoped
    引进顶尖, never the stock of talent): (head, verb, flow indicator). The verb that stands first
    in the phrase decides (遴选支持…: selected; 新引育…: recruited). -#}
{%- set flow_verbs = [
    ('人才', '引进', 'talent_inflow'), ('人才', '引育', 'talent_inflow'), ('人才', '引才', 'talent_inflow'),
    ('人才', '集聚', 'talent_inflow'), ('人才', '吸引', 'talent_inflow'), ('人才', '招引', 'talent_inflow'),
    ('人才', '招募', 'talent_inflow'), ('人才', '培养', 'talent_trained'), ('人才', '培育', 'talent_trained'),
    ('人才', '输送', 'talent_trained'), ('人才', '遴选', 'talent_selected'), ('人才', '认定', 'talent_selected'),
    ('经营主体', '新登记', 'new_business_entities'), ('经营主体', '新设', 'new_business_entities'),
    ('市场主体', '新登记', 'new_business_entities'), ('市场主体', '新设', 'new_business_entities'),
] %}
{#- A flow's prefix may be longer than a scope: the verb, then who was recruited (省引才百人计划引进急需紧缺). -#}
{%- set max_flow_scope_length = 24 %}
{#- A scope that ends inside one word with the alias (进|出口额 of 进出口额, 加|工业 of 加工业). -#}
{%- set split_word_ends = ['进', '加'] %}
{#- At most this many characters of scope: a longer prefix is a clause, not a scope. -#}
{%- set max_scope_length = 10 %}
{#- Aliases that name a headline only as the whole phrase: 经济 is the economy (gdp), but 数字经济,
    海洋经济 are sectors whose figures are not their GDP share. -#}
{%- set whole_phrase_aliases = ['经济'] %}
with alias_rows as (
    select spelled_key, indicator_id
    from {{ ref('int_indicator_alias_keys') }}
),

-- Two aliases that spell the same way and name one indicator are one row; two that name
-- different indicators give a phrase two rows, which the model's unique test reports.
aliases as (
    select distinct {{ without_total('spelled_key') }} as alias_key, indicator_id
    from alias_rows
),

-- The phrase's keys, each a cut of the one before (int_indicator_phrase_cuts: a table, so that
-- the joins below are planned on columns, not on the cuts' CASEs).
cuts as (
    select phrases.indicator_text, phrases.phrase_key, phrases.scoped_key, phrases.counted_key, phrases.growth_key,
        phrases.phrase_built_at
    from {{ ref('int_indicator_phrase_cuts') }} as phrases
    where {{ new_phrases('phrases', ['indicator_aliases', 'indicators']) }}
),

matched as (
    select
        cuts.indicator_text,
        cuts.phrase_key,
        cuts.scoped_key,
        cuts.counted_key,
        coalesce(exact.indicator_id, by_scope.indicator_id, by_count.indicator_id) as indicator_id,
        case
            when exact.indicator_id is not null then 'exact'
            when by_scope.indicator_id is not null or by_count.indicator_id is not null then 'scope_prefix'
        end as indicator_match,
        by_growth.indicator_id as growth_indicator_id,
        cuts.phrase_built_at
    from cuts
    left join aliases as by_growth
        on cuts.growth_key = by_growth.alias_key
        and cuts.scoped_key <> cuts.growth_key
    left join aliases as exact
        on cuts.phrase_key = exact.alias_key
    left join aliases as by_scope
        on cuts.scoped_key = by_scope.alias_key
        and cuts.scoped_key <> cuts.phrase_key
    left join aliases as by_count
        on cuts.counted_key = by_count.alias_key
),

-- scoped_headline: no alias matched, but the phrase ends with a headline's alias (the longest
-- one) after a scope (东部 of 东部地区生产总值, 民营企业 of 民营企业进出口额).
headline_aliases as (
    select aliases.alias_key, aliases.indicator_id, indicators.unit_family,
        {{ dbt.length('aliases.alias_key') }} as alias_length
    from aliases
    inner join {{ ref('indicators') }} as indicators
        on aliases.indicator_id = indicators.indicator_id
    where coalesce(indicators.kind, 'headline') = 'headline'
        and aliases.alias_key not in ({% for a in whole_phrase_aliases %}'{{ a }}'{{ ", " if not loop.last }}{% endfor %})
),

-- What may end with a headline's alias or a flow's head: the scoped key, or without the counting word.
scope_keys as (
    select distinct indicator_text, scoped_key as scope_key, 1 as key_rank from cuts
    union all
    select distinct indicator_text, counted_key as scope_key, 2 as key_rank from cuts
    where counted_key is not null
),

scoped_candidates as (
    select
        scope_keys.indicator_text,
        headline_aliases.indicator_id,
        headline_aliases.unit_family,
        substring(
            scope_keys.scope_key, 1, {{ dbt.length('scope_keys.scope_key') }} - headline_aliases.alias_length
        ) as scope_text,
        row_number() over (
            partition by scope_keys.indicator_text
            order by headline_aliases.alias_length desc, scope_keys.key_rank asc
        ) as alias_rank
    from scope_keys
    inner join headline_aliases
        on scope_keys.scope_key like {{ dbt.concat(["'%'", "headline_aliases.alias_key"]) }}
        and {{ dbt.length('scope_keys.scope_key') }} > headline_aliases.alias_length
),

-- What refuses a prefix: a word anywhere in it (not_scope_words, a digit) or at its end
-- (split_word_ends).
scope_breakers as (
    {%- for w in not_scope_words + (range(10) | map('string') | list) %}
    select '%{{ w }}%' as pattern
    union all
    {%- endfor %}
    {%- for c in conjunctions %}
    select '%{{ c }}' as pattern
    union all
        {%- for a in amount_ends %}
    select '%{{ a }}{{ c }}%' as pattern
    union all
        {%- endfor %}
    {%- endfor %}
    {%- for w in split_word_ends %}
    select '%{{ w }}' as pattern
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

-- The longest alias decides; a prefix that is no scope refuses it (no fall back to a shorter
-- alias). A join, not a correlated NOT EXISTS: Spark refuses a correlated LIKE.
scoped_refused as (
    select distinct scoped_candidates.indicator_text
    from scoped_candidates
    inner join scope_breakers
        on scoped_candidates.scope_text like scope_breakers.pattern
    where scoped_candidates.alias_rank = 1
        and scoped_candidates.scope_text not in ({% for p in period_scopes %}'{{ p }}'{{ ", " if not loop.last }}{% endfor %})
),

scoped_headlines as (
    select
        scoped_candidates.indicator_text,
        scoped_candidates.indicator_id,
        scoped_candidates.unit_family,
        scoped_candidates.scope_text
    from scoped_candidates
    left join scoped_refused
        on scoped_candidates.indicator_text = scoped_refused.indicator_text
    where scoped_candidates.alias_rank = 1
        and scoped_refused.indicator_text is null
        and {{ dbt.length('scoped_candidates.scope_text') }} between 2 and {{ max_scope_length }}
),

-- flows: no alias and no scoped headline; the phrase ends with a flow's head and a flow verb
-- stands before it (引进顶尖人才 → talent_inflow, scope 引进顶尖).
flow_verbs as (
    {%- for head, verb, flow in flow_verbs %}
    select '{{ head }}' as head_key, '{{ verb }}' as verb, '{{ flow }}' as indicator_id
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

flow_candidates as (
    select
        scope_keys.indicator_text,
        flow_verbs.indicator_id,
        substring(
            scope_keys.scope_key, 1, {{ dbt.length('scope_keys.scope_key') }} - {{ dbt.length('flow_verbs.head_key') }}
        ) as scope_text,
        row_number() over (
            partition by scope_keys.indicator_text
            order by {{ dbt.position('flow_verbs.verb', 'scope_keys.scope_key') }} asc, scope_keys.key_rank asc
        ) as verb_rank
    from scope_keys
    inner join flow_verbs
        on scope_keys.scope_key like {{ dbt.concat(["'%'", "flow_verbs.verb", "'%'", "flow_verbs.head_key"]) }}
),

flows as (
    select flow_candidates.indicator_text, flow_candidates.indicator_id, indicators.unit_family, flow_candidates.scope_text
    from flow_candidates
    inner join {{ ref('indicators') }} as indicators
        on flow_candidates.indicator_id = indicators.indicator_id
    where flow_candidates.verb_rank = 1
        and {{ dbt.length('flow_candidates.scope_text') }} between 2 and {{ max_flow_scope_length }}
)

select
    matched.indicator_text,
    matched.phrase_key,
    matched.scoped_key,
    matched.counted_key,
    matched.indicator_id as alias_indicator_id,
    matched.indicator_match as alias_match,
    matched.growth_indicator_id,
    scoped_headlines.indicator_id as headline_indicator_id,
    scoped_headlines.unit_family as headline_unit_family,
    scoped_headlines.scope_text as headline_scope,
    flows.indicator_id as flow_indicator_id,
    flows.unit_family as flow_unit_family,
    flows.scope_text as flow_scope,
    matched.phrase_built_at,
    {{ seeds_checksum(['indicator_aliases', 'indicators']) }} as seeds_checksum
from matched
left join scoped_headlines
    on matched.indicator_text = scoped_headlines.indicator_text
left join flows
    on matched.indicator_text = flows.indicator_text
