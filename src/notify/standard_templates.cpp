// The templates ticketflow ships: ten messages in zh-CN (the default) and en, kept as the JSON a
// deployment would write, so that they are read and checked like any other set.
#include <nlohmann/json.hpp>

#include <ticketflow/notify/template.hpp>

namespace ticketflow::notify {
namespace {

// Customer-facing messages sign with {{vars.desk_name}} and point to {{vars.desk_phone}} and
// {{vars.portal_url}}; internal ones (assignment, SLA warnings, breaches and escalations,
// reopened) go to staff and carry what they need to act. Values the engine may leave out (an
// owner, a team, a due time, a product) have a fallback rather than an empty line item.
constexpr const char* standard_json = R"json(
{
  "default_locale": "zh-CN",
  "variables": {
    "desk_name": "Service Desk",
    "desk_phone": "400-000-0000",
    "portal_url": "https://support.example.com/tickets"
  },
  "templates": {
    "acknowledgement": {
      "zh-CN": {
        "subject": "工单 {{ticket.number}} 已受理：{{ticket.title}}",
        "body": "尊敬的{{recipient.name | 客户}}：\n\n您好！您的服务请求已收到并登记，我们将安排工程师尽快处理。\n\n工单编号：{{ticket.number}}\n问题摘要：{{ticket.title}}\n受理时间：{{ticket.created_at}}\n预计首次响应：{{sla.first_response.due | 工程师将尽快与您联系}}\n\n如需补充资料或查询进度，请拨打服务热线 {{vars.desk_phone}}，或登录 {{vars.portal_url}} 查看工单。联系我们时请提供工单编号，以便快速为您服务。\n\n感谢您的信任与支持！\n{{vars.desk_name}}"
      },
      "en": {
        "subject": "Ticket {{ticket.number}} received: {{ticket.title}}",
        "body": "Dear {{recipient.name | customer}},\n\nThank you for contacting us. Your request has been logged and an engineer will pick it up shortly.\n\nTicket number: {{ticket.number}}\nSummary: {{ticket.title}}\nReceived: {{ticket.created_at}}\nFirst response expected by: {{sla.first_response.due | as soon as possible}}\n\nTo add details or check progress, call {{vars.desk_phone}} or visit {{vars.portal_url}}. Please quote your ticket number so that we can find it quickly.\n\nKind regards,\n{{vars.desk_name}}"
      }
    },
    "assignment": {
      "zh-CN": {
        "subject": "【待处理】工单 {{ticket.number}} 已指派给您（优先级：{{ticket.priority}}）",
        "body": "{{recipient.name | 同事}}，您好：\n\n以下工单已指派给您，请在时限内联系客户并开始处理。\n\n工单编号：{{ticket.number}}\n标题：{{ticket.title}}\n优先级：{{ticket.priority}}\n问题类别：{{ticket.category}}\n客户：{{customer.name}}（联系人：{{customer.contact | 未登记}}）\n产品型号：{{product.model | 未登记}}\n序列号：{{product.serial_number | 未登记}}\n首次响应时限：{{sla.first_response.due | 未设定}}\n解决时限：{{sla.resolution.due | 未设定}}\n\n问题描述：\n{{ticket.description | 见工单记录}}"
      },
      "en": {
        "subject": "Assigned to you: {{ticket.number}} ({{ticket.priority}}) {{ticket.title}}",
        "body": "Hello {{recipient.name | there}},\n\nThe following ticket has been assigned to you. Please contact the customer and start work within the agreed times.\n\nTicket: {{ticket.number}}\nTitle: {{ticket.title}}\nPriority: {{ticket.priority}}\nCategory: {{ticket.category}}\nCustomer: {{customer.name}} (contact: {{customer.contact | not recorded}})\nProduct model: {{product.model | not recorded}}\nSerial number: {{product.serial_number | not recorded}}\nFirst response due: {{sla.first_response.due | no target}}\nResolution due: {{sla.resolution.due | no target}}\n\nDescription:\n{{ticket.description | see the ticket history}}"
      }
    },
    "progress_update": {
      "zh-CN": {
        "subject": "工单 {{ticket.number}} 处理进展更新",
        "body": "尊敬的{{recipient.name | 客户}}：\n\n您好！您的工单（{{ticket.title}}）有新的处理进展：\n\n{{event.note | 工程师正在处理中。}}\n\n工单编号：{{ticket.number}}\n当前状态：{{ticket.state}}\n更新时间：{{event.at}}\n负责工程师：{{ticket.owner | 待分配}}\n\n如有疑问，请拨打 {{vars.desk_phone}} 或访问 {{vars.portal_url}}。我们会持续跟进，直至问题解决。\n\n{{vars.desk_name}}"
      },
      "en": {
        "subject": "Update on ticket {{ticket.number}}",
        "body": "Dear {{recipient.name | customer}},\n\nThere is news on your ticket ({{ticket.title}}):\n\n{{event.note | Our engineers are working on it.}}\n\nTicket number: {{ticket.number}}\nStatus: {{ticket.state}}\nUpdated: {{event.at}}\nEngineer: {{ticket.owner | to be assigned}}\n\nIf you have any questions, call {{vars.desk_phone}} or visit {{vars.portal_url}}. We will keep you informed until the issue is resolved.\n\nKind regards,\n{{vars.desk_name}}"
      }
    },
    "information_request": {
      "zh-CN": {
        "subject": "工单 {{ticket.number}} 需要您补充信息",
        "body": "尊敬的{{recipient.name | 客户}}：\n\n您好！为尽快解决您反馈的问题（{{ticket.title}}），工程师需要您补充以下信息：\n\n{{event.note}}\n\n请直接回复本消息，或登录 {{vars.portal_url}}，在工单 {{ticket.number}} 中补充说明（如有照片或日志，可一并上传）。收到您的回复后，我们将立即继续处理。\n\n如有疑问，请拨打 {{vars.desk_phone}}。\n\n{{vars.desk_name}}"
      },
      "en": {
        "subject": "Ticket {{ticket.number}}: we need some information from you",
        "body": "Dear {{recipient.name | customer}},\n\nTo resolve your issue ({{ticket.title}}) as quickly as possible, our engineer needs the following from you:\n\n{{event.note}}\n\nPlease reply to this message, or add the details to ticket {{ticket.number}} at {{vars.portal_url}} (photos and log files are welcome). We will continue as soon as we hear from you.\n\nIf you have any questions, call {{vars.desk_phone}}.\n\nKind regards,\n{{vars.desk_name}}"
      }
    },
    "sla_warning": {
      "zh-CN": {
        "subject": "【SLA 预警】工单 {{ticket.number}}（{{ticket.priority}}）即将超时",
        "body": "{{recipient.name | 主管}}，您好：\n\n以下工单即将到达服务时限，请关注处理进度，确保按时完成。\n\n工单编号：{{ticket.number}}\n标题：{{ticket.title}}\n优先级：{{ticket.priority}}\n考核指标：{{event.metric}}\n目标时限：{{event.target}}\n预警时间：{{event.crossed_at}}\n负责人：{{ticket.owner | 未分配}}\n处理团队：{{ticket.team | 未分配}}\n\n如负责人无法按时完成，请及时调整指派或协调资源。"
      },
      "en": {
        "subject": "[SLA warning] Ticket {{ticket.number}} ({{ticket.priority}}) is close to its target",
        "body": "Hello {{recipient.name | there}},\n\nTicket {{ticket.number}} is close to its {{event.metric}} target. Please make sure it is handled in time.\n\nTicket: {{ticket.number}}\nTitle: {{ticket.title}}\nPriority: {{ticket.priority}}\nMetric: {{event.metric}}\nTarget: {{event.target}}\nWarning raised: {{event.crossed_at}}\nOwner: {{ticket.owner | unassigned}}\nTeam: {{ticket.team | none}}\n\nIf the owner cannot meet the target, reassign the ticket or bring in help."
      }
    },
    "sla_breach": {
      "zh-CN": {
        "subject": "【SLA 超时】工单 {{ticket.number}}（{{ticket.priority}}）已超出服务时限",
        "body": "{{recipient.name | 主管}}，您好：\n\n以下工单已超出服务时限，请立即跟进。\n\n工单编号：{{ticket.number}}\n标题：{{ticket.title}}\n优先级：{{ticket.priority}}\n客户：{{customer.name}}\n考核指标：{{event.metric}}\n目标时限：{{event.target}}\n超时时间：{{event.crossed_at}}\n负责人：{{ticket.owner | 未分配}}\n处理团队：{{ticket.team | 未分配}}\n\n请尽快与负责人确认处理情况，必要时主动联系客户说明进展。"
      },
      "en": {
        "subject": "[SLA breach] Ticket {{ticket.number}} ({{ticket.priority}}) has missed its target",
        "body": "Hello {{recipient.name | there}},\n\nTicket {{ticket.number}} has missed its {{event.metric}} target and needs attention now.\n\nTicket: {{ticket.number}}\nTitle: {{ticket.title}}\nPriority: {{ticket.priority}}\nCustomer: {{customer.name}}\nMetric: {{event.metric}}\nTarget: {{event.target}}\nBreached at: {{event.crossed_at}}\nOwner: {{ticket.owner | unassigned}}\nTeam: {{ticket.team | none}}\n\nPlease check with the owner and, where needed, tell the customer where things stand."
      }
    },
    "sla_escalation": {
      "zh-CN": {
        "subject": "【SLA 升级】工单 {{ticket.number}}（{{ticket.priority}}）超时未解决，已升级",
        "body": "{{recipient.name | 主管}}，您好：\n\n以下工单超出服务时限后仍未解决，已按升级规则升级至您，请介入协调。\n\n工单编号：{{ticket.number}}\n标题：{{ticket.title}}\n优先级：{{ticket.priority}}\n客户：{{customer.name}}\n考核指标：{{event.metric}}\n目标时限：{{event.target}}\n升级时间：{{event.crossed_at}}\n升级级别：{{event.step}}\n负责人：{{ticket.owner | 未分配}}\n处理团队：{{ticket.team | 未分配}}\n\n请评估是否需要增派人手、转交上一级支持团队，或直接与客户沟通。"
      },
      "en": {
        "subject": "[SLA escalation] Ticket {{ticket.number}} ({{ticket.priority}}) has been escalated to you",
        "body": "Hello {{recipient.name | there}},\n\nTicket {{ticket.number}} is still open past its {{event.metric}} target and has been escalated to you. Please step in.\n\nTicket: {{ticket.number}}\nTitle: {{ticket.title}}\nPriority: {{ticket.priority}}\nCustomer: {{customer.name}}\nMetric: {{event.metric}}\nTarget: {{event.target}}\nEscalated at: {{event.crossed_at}}\nEscalation step: {{event.step}}\nOwner: {{ticket.owner | unassigned}}\nTeam: {{ticket.team | none}}\n\nPlease decide whether to add people, hand the ticket to the next support tier, or talk to the customer directly."
      }
    },
    "resolution_confirmation": {
      "zh-CN": {
        "subject": "工单 {{ticket.number}} 已处理完毕，请您确认",
        "body": "尊敬的{{recipient.name | 客户}}：\n\n您好！您反馈的问题（{{ticket.title}}）已处理完毕。\n\n解决方案：\n{{ticket.solution | 详见工单记录}}\n\n请登录 {{vars.portal_url}}，确认问题是否已解决，并为本次服务评分（1–5 分，5 分为非常满意）。如问题仍然存在，也可在页面上直接反馈，我们将继续为您处理。\n\n如在规定期限内未收到您的确认，系统将视为问题已解决并自动关闭工单。\n\n工单编号：{{ticket.number}}\n解决时间：{{ticket.resolved_at | 见工单记录}}\n服务热线：{{vars.desk_phone}}\n\n{{vars.desk_name}}"
      },
      "en": {
        "subject": "Ticket {{ticket.number}} resolved: please confirm",
        "body": "Dear {{recipient.name | customer}},\n\nWe have resolved your issue ({{ticket.title}}).\n\nSolution:\n{{ticket.solution | see the ticket history}}\n\nPlease visit {{vars.portal_url}} to confirm that the issue is resolved and to rate our service from 1 to 5 (5 = very satisfied). If the problem persists, tell us there and we will continue working on it.\n\nIf we do not hear from you within the confirmation period, the ticket will be closed automatically.\n\nTicket number: {{ticket.number}}\nResolved: {{ticket.resolved_at | see the ticket history}}\nService line: {{vars.desk_phone}}\n\nKind regards,\n{{vars.desk_name}}"
      }
    },
    "closure": {
      "zh-CN": {
        "subject": "工单 {{ticket.number}} 已关闭",
        "body": "尊敬的{{recipient.name | 客户}}：\n\n您好！您的工单 {{ticket.number}}（{{ticket.title}}）已关闭。\n\n关闭时间：{{ticket.closed_at | 见工单记录}}\n满意度评分：{{ticket.satisfaction | 未评分}}\n\n感谢您的支持与反馈，您的意见将帮助我们不断改进服务质量。\n\n如问题再次出现，请拨打 {{vars.desk_phone}} 或访问 {{vars.portal_url}}，并提供工单编号，我们将尽快为您跟进。\n\n{{vars.desk_name}}"
      },
      "en": {
        "subject": "Ticket {{ticket.number}} closed",
        "body": "Dear {{recipient.name | customer}},\n\nYour ticket {{ticket.number}} ({{ticket.title}}) has been closed.\n\nClosed: {{ticket.closed_at | see the ticket history}}\nYour satisfaction rating: {{ticket.satisfaction | not rated}}\n\nThank you for your support and feedback; it helps us improve our service.\n\nIf the problem comes back, call {{vars.desk_phone}} or visit {{vars.portal_url}} and quote your ticket number. We will follow up promptly.\n\nKind regards,\n{{vars.desk_name}}"
      }
    },
    "reopened": {
      "zh-CN": {
        "subject": "工单 {{ticket.number}} 已重新打开",
        "body": "{{recipient.name | 同事}}，您好：\n\n您负责的工单已被重新打开，请尽快查看并继续处理。\n\n工单编号：{{ticket.number}}\n标题：{{ticket.title}}\n优先级：{{ticket.priority}}\n客户：{{customer.name}}\n重新打开原因：{{event.reason | 未填写}}\n操作人：{{event.actor}}\n操作时间：{{event.at}}\n原解决方案：{{ticket.solution | 无}}\n解决时限：{{sla.resolution.due | 未设定}}"
      },
      "en": {
        "subject": "Ticket {{ticket.number}} has been reopened",
        "body": "Hello {{recipient.name | there}},\n\nA ticket you own has been reopened. Please review it and resume work.\n\nTicket: {{ticket.number}}\nTitle: {{ticket.title}}\nPriority: {{ticket.priority}}\nCustomer: {{customer.name}}\nReason: {{event.reason | not given}}\nReopened by: {{event.actor}}\nReopened at: {{event.at}}\nPrevious solution: {{ticket.solution | none}}\nResolution due: {{sla.resolution.due | no target}}"
      }
    }
  }
}
)json";

}  // namespace

const TemplateSet& TemplateSet::standard() {
    // Built once; a mistake in the text above throws here, which the tests would catch.
    static const TemplateSet set = from_json(nlohmann::json::parse(standard_json)).value();
    return set;
}

}  // namespace ticketflow::notify
