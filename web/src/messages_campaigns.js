// Texts of e-mail campaigns, greetings and mail consent (issue 15): the
// campaign list, editor, preview and report, the greetings and tomorrow's
// review, a contact's consent and the mail events of the 360° timeline, in
// Chinese and English. Merged into messages.js's tree by messages_extra.js's
// extendMessages(); tests/ui/campaigns.test.mjs checks both languages name
// the same keys.
export const campaignMessages = {
  zh: {
    menu: { campaigns: '营销活动', greetings: '节日问候' },
    // a next visit's reason (GET /next-visits: clicked_campaign names the campaign)
    dash: { reasons: { clicked_campaign: '近期点击了营销邮件「{c}」' } },
    camp: {
      title: '营销活动', new: '新建活动', edit: '编辑活动', empty: '暂无营销活动', allStatus: '全部状态', allKinds: '全部类型',
      open: '查看', deleteConfirm: '删除草稿「{n}」？', deleted: '已删除', created: '活动已创建', saved: '活动已保存',
      sent: '已发送', opened: '已打开', clicked: '已点击', counts: '发送 / 打开 / 点击', owner: '创建人', updated: '更新时间',
      scheduledAt: '计划发送', startedAt: '开始发送', finishedAt: '发送完成', back: '返回活动列表', notFound: '找不到该活动',
      audience: '收件人', list: '名单', lists: { customers: '按客户（其全部联系人）', contacts: '按联系人' },
      filters: '筛选条件', filterHint: '不选即不限；多个值之间为“或”', q: '关键词（名称、电话、拼音）', region: '地区', tags: '标签（逗号分隔）',
      lang: '邮件语言', langs: { zh: '中文', en: 'English' }, langHint: '自动加上的退订说明等用这种语言',
      anyOwner: '任意负责人', placeholders: '可用占位符', placeholderHint: '点击插入到光标处；可写 {{名称|默认值}}，没有值时用默认值；退订链接未写时会自动加在邮件末尾',
      ph: {
        salutation: '称呼（张总 / 王经理）', contact_name: '联系人姓名', contact_title: '联系人职务', customer_name: '客户名称',
        owner_name: '负责人姓名', owner_email: '负责人邮箱', owner_phone: '负责人电话', owner_signature: '负责人签名', unsubscribe_url: '退订链接',
      },
      htmlHint: 'HTML 正文可留空（只发纯文本）。预览时在隔离的框架中显示，不执行脚本。',
      nameRequired: '请填写活动名称', subjectRequired: '请填写邮件主题', bodyRequired: '请填写纯文本正文',
      tabs: { preview: '发送前检查', report: '效果报告', messages: '逐封明细' },
      actions: {
        send: '立即发送', schedule: '定时发送', pause: '暂停', resume: '继续', cancel: '取消活动', delete: '删除', edit: '编辑',
        sendConfirm: '现在开始向 {n} 位收件人发送「{c}」？', scheduleConfirm: '在 {at} 发送「{c}」？', pauseConfirm: '暂停发送「{c}」？未发出的邮件保留在队列中。',
        resumeConfirm: '继续发送「{c}」？', cancelConfirm: '取消「{c}」？队列中未发出的邮件将被丢弃，无法恢复。',
        done: { send: '已开始发送', schedule: '已定时', pause: '已暂停', resume: '已继续', cancel: '已取消' },
        pickTime: '选择发送时间', at: '发送时间', pastTime: '发送时间必须晚于现在', timeRequired: '请选择发送时间',
      },
      preview: {
        candidates: '候选联系人 {n} 位', willSend: '将发送 {n} 封', leftOut: '被排除的联系人', leftOutMore: '仅显示前 500 位',
        recipients: '收件人示例（前 50 位）', message: '邮件预览', to: '收件人', subject: '主题', text: '纯文本', html: 'HTML',
        noHtml: '没有 HTML 正文', noMessage: '没有可预览的收件人', render: '预览此人', pickContact: '选择收件人预览',
        reload: '重新检查', contact: '联系人', customer: '客户', address: '邮箱', reason: '原因',
        testTitle: '发送测试邮件', testTo: '测试收件地址', testSend: '发送测试', testSent: '测试邮件已发送到 {a}',
        testHint: '按当前预览的收件人渲染，只发一封，不计入统计', badAddress: '请输入有效的邮箱地址',
      },
      reason: {
        send: '可发送', no_address: '无邮箱', unsubscribed: '已退订', bounced: '曾退信', contact_cap: '超过每人上限',
        company_cap: '超过每家公司上限', duplicate: '邮箱重复', out_of_scope: '不在数据范围内',
      },
      report: {
        totals: '汇总', recipients: '收件人', sent: '已发送', failed: '发送失败', bounced: '退信', opened: '已打开', clicked: '已点击',
        unsubscribed: '已退订', left_out: '被排除', queued: '待发送', openRate: '打开率', clickToOpenRate: '打开后点击率', rateOfOpened: '占已打开', clickRate: '点击率', unsubscribeRate: '退订率',
        byDay: '每日趋势', bySegment: '按行业', links: '链接点击', url: '链接', clicks: '点击次数', leftOutBy: '排除原因',
        noLinks: '没有链接点击', segmentNone: '未填行业', rateOfSent: '占已发送',
      },
      msgs: {
        state: '状态', allStates: '全部状态', attempts: '尝试次数', sentAt: '发送时间', openedAt: '打开时间', clickedAt: '点击时间',
        unsubscribedAt: '退订时间', error: '错误', empty: '还没有邮件',
      },
      greetingKind: '问候',
    },
    greet: {
      title: '节日问候', list: '问候模板', review: '明日问候', new: '新建问候', edit: '编辑问候', empty: '暂无问候模板',
      occasion: '场合', name: '名称', dates: '每年的日期', year: '年份', date: '日期', addYear: '添加年份', active: '启用',
      inactive: '停用', subject: '主题', body: '正文', deleteConfirm: '删除问候「{n}」？', saved: '问候已保存', deleted: '已删除',
      nameRequired: '请填写名称', datesRequired: '节日请至少填写一年的日期', badYear: '年份应为四位数字', yearTwice: '年份 {y} 重复',
      reviewDate: '发送日期', reviewHint: '每天到了发送时间（设置 greeting.send_hour），服务器把当天的问候作为一次活动发出；关闭“发送”可跳过某位联系人。',
      reviewEmpty: '这一天没有要发送的问候', skip: '发送', skipped: '已跳过', unskipped: '将发送', verdict: '检查结果',
      repNote: '问候模板由经理设置；这里是您的客户在这一天要收到的问候。', greetingOf: '问候',
      occasions: { birthday: '生日', founding: '公司成立日', first_deal: '首次成交纪念日', holiday: '节日' },
      defaultNames: { birthday: '生日问候', founding: '成立纪念日问候', first_deal: '合作纪念日问候' },
    },
    consent: {
      column: '邮件订阅', title: '邮件订阅：{n}', state: '状态', bounced: '曾退信', address: '邮箱', noAddress: '没有邮箱地址',
      history: '变更记录', noHistory: '没有变更记录', source: '来源', user: '操作人', at: '时间', note: '备注',
      change: '修改订阅', changeTo: '改为', notePlaceholder: '备注（如：客户电话要求退订）', saved: '订阅状态已更新',
      states: { subscribed: '订阅', unsubscribed: '已退订' },
      sources: { link: '退订链接', one_click: '一键退订', user: '手动修改', bounce: '退信', import: '导入' },
      loading: '…',
    },
    mailev: {
      tag: '邮件', campaign: '活动', url: '链接',
      events: { sent: '已发送', opened: '已打开', clicked: '已点击', unsubscribed: '已退订', bounced: '退信' },
    },
    field: {
      campaign: {
        name: '活动名称', purpose: '目的', audience: '收件人', subject: '邮件主题', body_text: '纯文本正文', body_html: 'HTML 正文',
        status: '状态', scheduled_at: '计划发送时间', at: '发送时间', to: '测试收件地址', contact_id: '联系人', kind: '类型',
      },
      greeting: {
        occasion: '场合', name: '名称', dates: '日期', subject: '主题', body_text: '纯文本正文', body_html: 'HTML 正文', active: '启用',
        greeting_id: '问候', contact_id: '联系人', date: '日期',
      },
      consent: { state: '订阅状态', note: '备注' },
    },
    enum: {
      campaign_status: { draft: '草稿', scheduled: '已定时', sending: '发送中', paused: '已暂停', sent: '已发送', cancelled: '已取消' },
      campaign_purpose: { promotion: '促销', invitation: '邀请', care: '关怀', news: '资讯', greeting: '问候' },
      campaign_kind: { campaign: '营销活动', greeting: '问候' },
      message_state: { queued: '排队中', sending: '发送中', retry: '等待重试', sent: '已发送', failed: '失败', bounced: '退信', cancelled: '已取消' },
    },
  },
  en: {
    menu: { campaigns: 'Campaigns', greetings: 'Greetings' },
    dash: { reasons: { clicked_campaign: 'clicked the campaign “{c}” lately' } },
    camp: {
      title: 'Campaigns', new: 'New campaign', edit: 'Edit campaign', empty: 'No campaigns yet', allStatus: 'Any status', allKinds: 'Any kind',
      open: 'Open', deleteConfirm: 'Delete the draft “{n}”?', deleted: 'Deleted', created: 'Campaign created', saved: 'Campaign saved',
      sent: 'Sent', opened: 'Opened', clicked: 'Clicked', counts: 'Sent / opened / clicked', owner: 'Owner', updated: 'Updated',
      scheduledAt: 'Scheduled', startedAt: 'Started', finishedAt: 'Finished', back: 'Back to campaigns', notFound: 'No such campaign',
      audience: 'Audience', list: 'List', lists: { customers: 'Customers (all their contacts)', contacts: 'Contacts' },
      filters: 'Filters', filterHint: 'Empty means any; several values mean any of them', q: 'Keyword (name, phone, pinyin)', region: 'Region', tags: 'Tags (comma separated)',
      lang: 'Language', langs: { zh: '中文', en: 'English' }, langHint: 'The language of what is added for you, such as the unsubscribe line',
      anyOwner: 'Any owner', placeholders: 'Placeholders', placeholderHint: 'Click one to put it at the cursor; {{name|fallback}} uses the fallback when there is no value; an unsubscribe link is added at the end when missing',
      ph: {
        salutation: 'Form of address (张总 / 王经理)', contact_name: "Contact's name", contact_title: "Contact's title", customer_name: 'Customer name',
        owner_name: "Owner's name", owner_email: "Owner's e-mail", owner_phone: "Owner's phone", owner_signature: "Owner's signature", unsubscribe_url: 'Unsubscribe link',
      },
      htmlHint: 'The HTML body may stay empty (plain text only). The preview shows it in an isolated frame, without scripts.',
      nameRequired: 'Give the campaign a name', subjectRequired: 'Write a subject', bodyRequired: 'Write the plain text body',
      tabs: { preview: 'Pre-send check', report: 'Report', messages: 'Messages' },
      actions: {
        send: 'Send now', schedule: 'Schedule', pause: 'Pause', resume: 'Resume', cancel: 'Cancel campaign', delete: 'Delete', edit: 'Edit',
        sendConfirm: 'Start sending “{c}” to {n} recipients now?', scheduleConfirm: 'Send “{c}” at {at}?', pauseConfirm: 'Pause “{c}”? Unsent mail stays queued.',
        resumeConfirm: 'Resume sending “{c}”?', cancelConfirm: 'Cancel “{c}”? Queued mail is dropped for good.',
        done: { send: 'Sending started', schedule: 'Scheduled', pause: 'Paused', resume: 'Resumed', cancel: 'Cancelled' },
        pickTime: 'Pick the sending time', at: 'Send at', pastTime: 'The sending time must be in the future', timeRequired: 'Pick a sending time',
      },
      preview: {
        candidates: '{n} candidate contacts', willSend: '{n} messages will be sent', leftOut: 'Left out', leftOutMore: 'The first 500 only',
        recipients: 'Recipients (the first 50)', message: 'Message preview', to: 'To', subject: 'Subject', text: 'Plain text', html: 'HTML',
        noHtml: 'No HTML body', noMessage: 'No recipient to preview', render: 'Preview', pickContact: 'Preview for',
        reload: 'Check again', contact: 'Contact', customer: 'Customer', address: 'E-mail', reason: 'Reason',
        testTitle: 'Send a test', testTo: 'Test address', testSend: 'Send test', testSent: 'Test message sent to {a}',
        testHint: "Rendered for the previewed recipient; one message, not counted", badAddress: 'Enter a valid e-mail address',
      },
      reason: {
        send: 'Will send', no_address: 'No e-mail', unsubscribed: 'Unsubscribed', bounced: 'Bounced before', contact_cap: 'Over the per-contact cap',
        company_cap: 'Over the per-company cap', duplicate: 'Duplicate address', out_of_scope: 'Outside your data scope',
      },
      report: {
        totals: 'Totals', recipients: 'Recipients', sent: 'Sent', failed: 'Failed', bounced: 'Bounced', opened: 'Opened', clicked: 'Clicked',
        unsubscribed: 'Unsubscribed', left_out: 'Left out', queued: 'Waiting', openRate: 'Open rate', clickToOpenRate: 'Click-to-open rate', rateOfOpened: 'of opened', clickRate: 'Click rate', unsubscribeRate: 'Unsubscribe rate',
        byDay: 'By day', bySegment: 'By segment', links: 'Link clicks', url: 'Link', clicks: 'Clicks', leftOutBy: 'Why left out',
        noLinks: 'No link clicked', segmentNone: 'No segment', rateOfSent: 'of sent',
      },
      msgs: {
        state: 'State', allStates: 'Any state', attempts: 'Attempts', sentAt: 'Sent at', openedAt: 'Opened at', clickedAt: 'Clicked at',
        unsubscribedAt: 'Unsubscribed at', error: 'Error', empty: 'No messages yet',
      },
      greetingKind: 'Greeting',
    },
    greet: {
      title: 'Greetings', list: 'Greetings', review: "Tomorrow's greetings", new: 'New greeting', edit: 'Edit greeting', empty: 'No greetings yet',
      occasion: 'Occasion', name: 'Name', dates: 'Date each year', year: 'Year', date: 'Date', addYear: 'Add a year', active: 'Active',
      inactive: 'Inactive', subject: 'Subject', body: 'Body', deleteConfirm: 'Delete the greeting “{n}”?', saved: 'Greeting saved', deleted: 'Deleted',
      nameRequired: 'Give it a name', datesRequired: 'A holiday needs the date of one year at least', badYear: 'A year has four digits', yearTwice: 'Year {y} is there twice',
      reviewDate: 'Sending day', reviewHint: 'Each day at the sending hour (setting greeting.send_hour) the server sends that day’s greetings as a campaign; switch “Send” off to skip a contact.',
      reviewEmpty: 'No greetings to send that day', skip: 'Send', skipped: 'Skipped', unskipped: 'Will be sent', verdict: 'Check',
      repNote: 'Managers set the greetings; here are those your customers get that day.', greetingOf: 'Greeting',
      occasions: { birthday: 'Birthday', founding: 'Founding day', first_deal: 'First deal anniversary', holiday: 'Holiday' },
      defaultNames: { birthday: 'Birthday greeting', founding: 'Founding day greeting', first_deal: 'First deal anniversary greeting' },
    },
    consent: {
      column: 'Mail', title: 'Mail consent: {n}', state: 'State', bounced: 'Bounced', address: 'E-mail', noAddress: 'No e-mail address',
      history: 'History', noHistory: 'No changes yet', source: 'Source', user: 'By', at: 'At', note: 'Note',
      change: 'Change', changeTo: 'Change to', notePlaceholder: 'Note (e.g. asked on the phone to stop)', saved: 'Consent updated',
      states: { subscribed: 'Subscribed', unsubscribed: 'Unsubscribed' },
      sources: { link: 'Unsubscribe link', one_click: 'One-click unsubscribe', user: 'Changed by hand', bounce: 'Bounce', import: 'Import' },
      loading: '…',
    },
    mailev: {
      tag: 'Mail', campaign: 'Campaign', url: 'Link',
      events: { sent: 'Sent', opened: 'Opened', clicked: 'Clicked', unsubscribed: 'Unsubscribed', bounced: 'Bounced' },
    },
    field: {
      campaign: {
        name: 'Campaign name', purpose: 'Purpose', audience: 'Audience', subject: 'Subject', body_text: 'Plain text body', body_html: 'HTML body',
        status: 'Status', scheduled_at: 'Scheduled at', at: 'Send at', to: 'Test address', contact_id: 'Contact', kind: 'Kind',
      },
      greeting: {
        occasion: 'Occasion', name: 'Name', dates: 'Dates', subject: 'Subject', body_text: 'Plain text body', body_html: 'HTML body', active: 'Active',
        greeting_id: 'Greeting', contact_id: 'Contact', date: 'Date',
      },
      consent: { state: 'Consent', note: 'Note' },
    },
    enum: {
      campaign_status: { draft: 'Draft', scheduled: 'Scheduled', sending: 'Sending', paused: 'Paused', sent: 'Sent', cancelled: 'Cancelled' },
      campaign_purpose: { promotion: 'Promotion', invitation: 'Invitation', care: 'Care', news: 'News', greeting: 'Greeting' },
      campaign_kind: { campaign: 'Campaign', greeting: 'Greeting' },
      message_state: { queued: 'Queued', sending: 'Sending', retry: 'Retrying', sent: 'Sent', failed: 'Failed', bounced: 'Bounced', cancelled: 'Cancelled' },
    },
  },
}
