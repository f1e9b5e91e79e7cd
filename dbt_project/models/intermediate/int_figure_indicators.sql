-- sqlfluff:exclude_rules:LT02,RF03,RF04,ST06,LT09,LT14,AM04,AL05,LT05
-- (jinja loops write this model's CASE branches and UNION rows: sqlfluff cannot place their indent)
{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='document_id',
    post_hook="{{ delete_stale_documents() }}",
) }}
-- Incremental: only the documents changed since the last build are recomputed (macros/incremental_documents.sql).
-- Names each figure's indicator. Both the phrase and every alias are first brought to one
-- spelling (macros/spelled.sql, computed once per text in int_indicator_phrase_keys and
-- int_indicator_alias_keys: spaces, quotes, full-width brackets, 规上 = 规模以上,
-- 地区生产总值/生产总值 = GDP, R&D = 研发; then here a trailing 总额/总值), so one alias row
-- covers its variants. Rules, in order:
--   1. exact: the phrase is an alias, up to spelling;
--   2. scope_prefix: the phrase minus a leading year or plan period (2025年, 到2030年,
--      “十五五”时期, 每年; not 年均: an average over years is no year's level) and then a leading scope word (全省, 全市, … see the
--      indicator_scope_prefixes var) is an alias; failing that, the same minus a trailing
--      counting word (数量, 人数, 个数, 数: 高新技术企业数 → 高新技术企业; not the 数 of 指数, 系数 …);
--   3. scoped_headline: no alias matched, the phrase (its scoped key, or without the counting
--      word) ends with a headline's alias (the longest) after a scope (东部 of 东部地区生产总值:
--      2–10 characters, none of not_scope_words, no digit, not ending inside a word with the
--      alias) and, for a level, the unit is of the headline's family → the headline, the scope in
--      indicator_scope; int_figures_enriched keys it indicator_id:scope, never the region's own;
--      a conjunction may join two scopes (庆阳、酒泉), a sub-annual period alone is one (一季度);
--      a flow verb before 人才/经营主体 (引进顶尖人才) gives the flow's headline (talent_inflow), the
--      prefix as scope, under the same match name;
--   4. class: no alias matched, the phrase (its scoped key, without the counting word when
--      rule 2 dropped one) ends with a head noun of seeds/indicator_classes.csv (the longest
--      head it ends with) and the figure's unit is of that head's unit family (int_figure_units;
--      a bare 万/亿 is no evidence), or the figure is a growth/share/rank/pp change and the head
--      names one amount class → the class indicator (项目 → projects), the rest of the
--      phrase in indicator_scope (省重点 of 省重点项目). Never for a figure the extractor
--      flagged key: a class is not a headline, and mart_key_indicators stays as it was;
--      A trailing verb of progress or change (重点项目加快推进, 老旧小区改造) is read before the phrase.
--   5. unmapped: no indicator_id; the phrase is kept as written (int_unmapped_indicators).
-- A growth or point change also matches an alias without its change words (带动…增长, …增加).
-- Change phrases keep their verb (新增上市公司, 一般公共预算收入增加): no rule strips one
-- (a class keeps it in indicator_scope: 新建 of 新建学校).
{%- set prefixes = var('indicator_scope_prefixes') %}
{%- set period_prefixes = ['十五五时期', '十四五时期', '十五五', '十四五', '每年'] %}
{%- set counting_suffixes = ['数量', '人数', '个数', '数'] %}
{#- 数 that is part of the name, not a count of it. #}
{%- set not_counting = ['指数', '系数', '倍数', '分数', '参数'] %}
{%- set trailing_totals = ['总额', '总值'] %}
{#- Units too ambiguous to gate a class: a bare 万 or 亿 may count people, yuan or things. #}
{%- set ambiguous_units = ['万', '亿'] %}
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
{#- Change words around a growth's indicator (带动固定资产投资增长, 粮食产量增加): dropped for a growth or
    point change only. -#}
{%- set growth_tails = ['增加', '增长', '提高', '增产', '上升', '下降', '减少', '降低', '减产'] %}
{%- set growth_leads = ['带动'] %}
{#- Verbs that follow what a class figure counts (重点项目加快推进, 老旧小区改造, 经营主体净增): the
    class rule reads them before the phrase, as a scope (longest first). Not 更新 or 运营, which
    end programme names (城市更新 is no count of cities). -#}
{%- set trailing_verbs = ['累计开行', '加快建设', '加快推进', '有序推进', '扎实推进', '综合治理', '综合整治', '提档升级',
    '提质升级', '建设', '改造', '治理', '整治', '修复', '升级', '推进', '实施', '运行', '开行', '开工',
    '完工', '交付', '全面', '如期', '净增', '新增', '增加', '减少'] %}
{#- Class rule for growths, shares, ranks and point changes (their unit says nothing of the
    thing): only a head of one class whose every family is an amount (a sum, count, area, mass …),
    never a ratio class (a rate's growth is pp or relative, and a share of a rate means nothing). -#}
{%- set amount_families = ['money', 'count', 'household', 'area', 'mass', 'length', 'power', 'population',
    'person_time', 'volume', 'energy'] %}

{#- without a trailing 总额/总值, applied to spelled_key on both sides. -#}
{%- set total_cases = [] %}
{%- for t in trailing_totals %}
    {%- do total_cases.append("when spelled_key like '%" ~ t ~ "' and " ~ dbt.length('spelled_key') ~ " > " ~ (t | length)
        ~ " then substring(spelled_key, 1, " ~ dbt.length('spelled_key') ~ " - " ~ (t | length) ~ ")") %}
{%- endfor %}
{%- set without_total = "case " ~ (total_cases | join(' ')) ~ " else spelled_key end" %}

with figures as (
    select document_id, version, figure_no, indicator_text, measure, is_key_extracted, document_changed_at
    from {{ ref('int_figures_current') }}
    where {{ changed_since_last_build() }}
),

-- The unit family of each figure (built before this model, for the same documents).
units as (
    select document_id, version, figure_no, unit, unit_family
    from {{ ref('int_figure_units') }}
    where {{ changed_since_last_build() }}
),

-- Each figure with the unit family its unit vouches for (the unit gate of the scoped-headline
-- and class rules): none for a bare 万/亿, which may count people, yuan or things.
gated as (
    select
        figures.document_id,
        figures.version,
        figures.figure_no,
        figures.indicator_text,
        coalesce(figures.measure, 'level') as measure,
        coalesce(figures.is_key_extracted, false) as is_key_extracted,
        figures.document_changed_at,
        case when units.unit not in ({% for u in ambiguous_units %}'{{ u }}'{{ ", " if not loop.last }}{% endfor %}) then units.unit_family end as unit_evidence
    from figures
    left join units
        on figures.document_id = units.document_id
        and figures.version = units.version
        and figures.figure_no = units.figure_no
),

-- The spelling keys are computed once per phrase and per alias, in tables (macros/spelled.sql).
alias_rows as (
    select spelled_key, indicator_id
    from {{ ref('int_indicator_alias_keys') }}
),

-- Two aliases that spell the same way and name one indicator are one row; two that name
-- different indicators give a figure two rows, which the model's unique test reports.
aliases as (
    select distinct {{ without_total }} as alias_key, indicator_id
    from alias_rows
),

-- One row per distinct phrase, each step its own SELECT DISTINCT: PostgreSQL inlines CTEs, and
-- without that fence every step would repeat the previous step's expression once per CASE
-- branch (a plan that grows past what the server survives). DISTINCT keeps each step computed
-- once; the phrase is unique at every step, so it drops no row.
spelled as (
    select distinct phrases.indicator_text, phrases.spelled_key
    from figures
    inner join {{ ref('int_indicator_phrase_keys') }} as phrases
        on figures.indicator_text = phrases.indicator_text
),

keyed as (
    select distinct indicator_text, {{ without_total }} as phrase_key
    from spelled
),

dated as (
    select distinct
        indicator_text,
        phrase_key,
        case
            when substring(phrase_key, 5, 1) = '年' and substring(phrase_key, 1, 4) between '1900' and '2099'
                and {{ dbt.length('phrase_key') }} > 5
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - 5') }}
            when substring(phrase_key, 1, 1) = '到' and substring(phrase_key, 6, 1) = '年'
                and substring(phrase_key, 2, 4) between '1900' and '2099' and {{ dbt.length('phrase_key') }} > 6
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - 6') }}
        {%- for p in period_prefixes %}
            when phrase_key like '{{ p }}%' and {{ dbt.length('phrase_key') }} > {{ p | length }}
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - ' ~ (p | length)) }}
        {%- endfor %}
            else phrase_key
        end as dated_key
    from keyed
),

scoped as (
    select distinct
        indicator_text,
        phrase_key,
        case
        {%- for p in prefixes %}
            when dated_key like '{{ p }}%' and {{ dbt.length('dated_key') }} > {{ p | length }}
                then {{ dbt.right('dated_key', dbt.length('dated_key') ~ ' - ' ~ (p | length)) }}
        {%- endfor %}
            else dated_key
        end as scoped_key
    from dated
),

counted as (
    select distinct
        indicator_text,
        phrase_key,
        scoped_key,
        case
        {%- for s in counting_suffixes %}
            when scoped_key like '%{{ s }}' and {{ dbt.length('scoped_key') }} > {{ s | length }}
            {%- if s == '数' %}
                {%- for n in not_counting %} and scoped_key not like '%{{ n }}'{% endfor %}
            {%- endif %}
                then substring(scoped_key, 1, {{ dbt.length('scoped_key') }} - {{ s | length }})
        {%- endfor %}
        end as counted_key
    from scoped
),

-- A growth or point change names its indicator without the change verb the sentence puts around
-- it (粮食产量增加 1.6%, 带动固定资产投资增长 5.1%: the growth of 粮食产量, of 固定资产投资); a level
-- keeps it (粮食产量增加 1109万吨 is the increase, not the output).
growth_tailed as (
    select distinct
        indicator_text,
        case
        {%- for w in growth_tails %}
            when scoped_key like '%{{ w }}' and {{ dbt.length('scoped_key') }} > {{ (w | length) + 1 }}
                then substring(scoped_key, 1, {{ dbt.length('scoped_key') }} - {{ w | length }})
        {%- endfor %}
            else scoped_key
        end as growth_base
    from counted
),

growth_keyed as (
    select distinct
        indicator_text,
        case
        {%- for w in growth_leads %}
            when growth_base like '{{ w }}%' and {{ dbt.length('growth_base') }} > {{ (w | length) + 1 }}
                then {{ dbt.right('growth_base', dbt.length('growth_base') ~ ' - ' ~ (w | length)) }}
        {%- endfor %}
            else growth_base
        end as growth_key
    from growth_tailed
),

matched as (
    select
        counted.indicator_text,
        coalesce(exact.indicator_id, by_scope.indicator_id, by_count.indicator_id) as indicator_id,
        case
            when exact.indicator_id is not null then 'exact'
            when by_scope.indicator_id is not null or by_count.indicator_id is not null then 'scope_prefix'
        end as indicator_match,
        by_growth.indicator_id as growth_indicator_id
    from counted
    inner join growth_keyed
        on counted.indicator_text = growth_keyed.indicator_text
    left join aliases as by_growth
        on growth_keyed.growth_key = by_growth.alias_key
        and growth_keyed.growth_key <> counted.scoped_key
    left join aliases as exact
        on counted.phrase_key = exact.alias_key
    left join aliases as by_scope
        on counted.scoped_key = by_scope.alias_key
        and counted.scoped_key <> counted.phrase_key
    left join aliases as by_count
        on counted.counted_key = by_count.alias_key
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
    select distinct indicator_text, scoped_key as scope_key, 1 as key_rank from counted
    union all
    select distinct indicator_text, counted_key as scope_key, 2 as key_rank from counted
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
),

-- The alias rules per figure: the phrase's alias, or for a growth or point change the alias
-- without its change verb.
figure_aliases as (
    select
        figures.document_id,
        figures.version,
        figures.figure_no,
        coalesce(
            matched.indicator_id,
            case when figures.measure in ('growth', 'pp_change') then matched.growth_indicator_id end
        ) as indicator_id,
        case
            when matched.indicator_id is not null then matched.indicator_match
            when figures.measure in ('growth', 'pp_change') and matched.growth_indicator_id is not null then 'scope_prefix'
        end as indicator_match
    from gated as figures
    inner join matched
        on figures.indicator_text = matched.indicator_text
),

class_heads as (
    select distinct {{ spelled('head') }} as head_key, unit_family, indicator_id
    from {{ ref('indicator_classes') }}
),

head_keys as (
    select distinct head_key, {{ dbt.length('head_key') }} as head_length
    from class_heads
),

-- What a class head is looked for at the end of: the scoped key (without the counting word),
-- and the same with a trailing verb of progress or change put first (重点项目加快推进 → 加快推进重点项目,
-- 经营主体净增 → 净增经营主体), so the head is found and the verb stays in the scope; the longest
-- head wins, on a tie the phrase as written (适老化改造 is a head of its own).
class_keys as (
    select distinct indicator_text, base_key as class_key, 1 as key_rank
    from (
        select distinct indicator_text, coalesce(counted_key, scoped_key) as base_key
        from counted
    ) as bases
    union all
    select distinct
        indicator_text,
        case
        {%- for w in trailing_verbs %}
            when base_key like '%{{ w }}' and {{ dbt.length('base_key') }} > {{ (w | length) + 1 }}
                then {{ dbt.concat(["'" ~ w ~ "'", "substring(base_key, 1, " ~ dbt.length('base_key') ~ " - " ~ (w | length) ~ ")"]) }}
        {%- endfor %}
            else base_key
        end as class_key,
        2 as key_rank
    from (
        select distinct indicator_text, coalesce(counted_key, scoped_key) as base_key
        from counted
    ) as bases
),

-- The longest head each phrase ends with, whatever the unit: a phrase names one thing, and a
-- unit that does not fit that head refuses the class rather than falling back to a shorter one.
class_candidates as (
    select
        class_keys.indicator_text,
        class_keys.class_key,
        head_keys.head_key,
        head_keys.head_length,
        row_number() over (
            partition by class_keys.indicator_text order by head_keys.head_length desc, class_keys.key_rank asc
        ) as head_rank
    from class_keys
    inner join head_keys
        on class_keys.class_key like {{ dbt.concat(["'%'", "head_keys.head_key"]) }}
),

classed as (
    select
        class_candidates.indicator_text,
        class_heads.unit_family,
        class_heads.indicator_id,
        class_candidates.head_key as indicator_head,
        case
            when {{ dbt.length('class_candidates.class_key') }} > class_candidates.head_length
                then substring(
                    class_candidates.class_key, 1,
                    {{ dbt.length('class_candidates.class_key') }} - class_candidates.head_length
                )
        end as indicator_scope
    from class_candidates
    inner join class_heads
        on class_candidates.head_key = class_heads.head_key
    where class_candidates.head_rank = 1
),

-- Heads a growth, share, rank or point change may map by: one class, amount families only.
amount_heads as (
    select head_key
    from class_heads
    group by head_key
    having count(distinct indicator_id) = 1
        and sum(case when unit_family in ({% for f in amount_families %}'{{ f }}'{{ ", " if not loop.last }}{% endfor %}) then 0 else 1 end) = 0
),

-- One class per phrase and figure: the head's row in the figure's unit family (any measure, as
-- before: 覆盖率 in 个百分点), or else, for a growth, share, rank or point change, the single
-- class of an amount head (投资 growing by 10 %: the % says nothing of the thing).
figure_classes as (
    select distinct
        figures.document_id,
        figures.version,
        figures.figure_no,
        classed.indicator_id,
        classed.indicator_scope,
        classed.indicator_head
    from gated as figures
    inner join classed
        on figures.indicator_text = classed.indicator_text
    left join amount_heads
        on classed.indicator_head = amount_heads.head_key
    where not figures.is_key_extracted
        and (
            figures.unit_evidence = classed.unit_family
            or (figures.measure <> 'level' and amount_heads.head_key is not null)
        )
)

select
    figures.document_id,
    figures.version,
    figures.figure_no,
    figures.indicator_text,
    coalesce(matched.indicator_id, scoped_headlines.indicator_id, flows.indicator_id, figure_classes.indicator_id) as indicator_id,
    case
        when matched.indicator_id is not null then matched.indicator_match
        -- a flow is a scoped headline of its flow indicator (keyed indicator_id:scope downstream)
        when scoped_headlines.indicator_id is not null or flows.indicator_id is not null then 'scoped_headline'
        when figure_classes.indicator_id is not null then 'class'
        else 'unmapped'
    end as indicator_match,
    coalesce(scoped_headlines.scope_text, flows.scope_text, figure_classes.indicator_scope) as indicator_scope,
    case when scoped_headlines.indicator_id is null and flows.indicator_id is null then figure_classes.indicator_head end as indicator_head,
    figures.document_changed_at
from gated as figures
left join figure_aliases as matched
    on figures.document_id = matched.document_id
    and figures.version = matched.version
    and figures.figure_no = matched.figure_no
-- a scoped level must be in its headline's unit family (a bare 万/亿 is no evidence); a growth,
-- share, rank or point change of a headline needs no unit.
left join scoped_headlines
    on figures.indicator_text = scoped_headlines.indicator_text
    and matched.indicator_id is null
    and (figures.measure <> 'level' or figures.unit_evidence = scoped_headlines.unit_family)
left join flows
    on figures.indicator_text = flows.indicator_text
    and matched.indicator_id is null
    and scoped_headlines.indicator_id is null
    and (figures.measure <> 'level' or figures.unit_evidence = flows.unit_family)
left join figure_classes
    on figures.document_id = figure_classes.document_id
    and figures.version = figure_classes.version
    and figures.figure_no = figure_classes.figure_no
    and matched.indicator_id is null
