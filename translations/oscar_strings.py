"""Django-oscar strings that this project translates itself.

Oscar's own Vietnamese catalogue leaves these msgids untranslated or translates them
poorly. Our catalogue (LOCALE_PATHS = [BASE_DIR / "locale"]) takes precedence over
Oscar's, but ``makemessages`` only keeps the msgids it finds in this project's source,
so they are listed here for it to extract, each exactly as Oscar spells it (whitespace
of ``blocktrans`` blocks included). This file is translation input, not code: it sits
outside every Python package, is never imported, and ``make messages`` reads it.

To override another Oscar string, add it here and run ``make messages``.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

OSCAR_STRINGS = (
    # oscar/apps/address/abstract_models.py
    _("Dr"),
    _("Code"),
    pgettext_lazy("Treatment Pronouns for the customer", "Title"),
    _("First name"),
    _("Last name"),
    _("State/County"),
    _("Post/Zip-code"),
    _("Search text - used only for searching addresses"),
    _("Addresses"),
    _("Higher the number, higher the country in the list."),
    _("Is shipping country"),
    _("Instructions"),
    _("Tell us anything we should know when delivering your order."),
    _("Shipping addresses"),
    _("User"),
    _("Default shipping address?"),
    _("Default billing address?"),
    _("Number of Orders as Shipping Address"),
    _("Number of Orders as Billing Address"),
    _("Address Hash"),
    _("Date Created"),
    _("User address"),
    _("User addresses"),
    _("Billing address"),
    _("Billing addresses"),
    _("Partner addresses"),
    # oscar/apps/analytics/abstract_models.py
    _("Orders"),
    # oscar/apps/analytics/reports.py
    _("Email"),
    _("Date registered"),
    # oscar/apps/basket/abstract_models.py
    _("Open - currently active"),
    _("Merged - superceded by another basket"),
    _("Saved - for items to be purchased later"),
    _("Frozen - the basket cannot be modified"),
    _("Submitted - has been ordered at the checkout"),
    _("Status"),
    _("Vouchers"),
    _("Date merged"),
    _("Baskets"),
    _("%(status)s basket (owner: %(owner)s, lines: %(num_lines)d)"),
    _(
        "Available stock is only %(max)d, which has been exceeded because multiple lines contain the same product."
    ),
    _(
        "Due to technical limitations we are not able to ship more than %(threshold)d items in one order."
    ),
    _("Line Reference"),
    _("VAT rate code"),
    _("Date Updated"),
    _("Basket line"),
    _("Basket lines"),
    _("Basket #%(basket_id)d, Product #%(product_id)d, quantity %(quantity)d"),
    _("You cannot modify a %s basket"),
    _("'%(product)s' is no longer available"),
    _(
        "The price of '%(product)s' has increased from %(old_price)s to %(new_price)s since you added it to your basket"
    ),
    _(
        "The price of '%(product)s' has decreased from %(old_price)s to %(new_price)s since you added it to your basket"
    ),
    _("Line"),
    _("Option"),
    _("Value"),
    _("Line attribute"),
    _("Line attributes"),
    # oscar/apps/basket/forms.py
    _("Save for Later"),
    _("Move to Basket"),
    _("Variant"),
    _("Please select a valid product"),
    _(
        "Due to technical limitations we are not able to ship more than %(threshold)d items in one order. Your basket currently has %(basket)d items."
    ),
    _("This product cannot be added to the basket because a price could not be determined for it."),
    _(
        "This product cannot be added to the basket as its currency isn't the same as other products in your basket"
    ),
    # oscar/apps/basket/middleware.py
    ngettext_lazy(
        "We have merged %(num_items_merged)d item from a previous session to your basket.",
        "We have merged %(num_items_merged)d items from a previous session to your basket.",
        1,
    ),
    # oscar/apps/basket/reports.py
    _("User ID"),
    _("Basket status"),
    _("Num lines"),
    _("Num items"),
    _("Date of creation"),
    _("Time since creation"),
    _("Open baskets"),
    _("Time between creation and submission"),
    _("Submitted baskets"),
    # oscar/apps/basket/views.py
    _("You can't save an item for later if you're not logged in!"),
    _("Your basket has got some issues. Please correct any validation errors below."),
    _("The '%(code)s' voucher has expired"),
    _("The '%(code)s' voucher is not active"),
    _("Your basket does not qualify for a voucher discount"),
    _("Voucher '%(code)s' added to basket"),
    _("You have already added the '%(code)s' voucher to your basket"),
    _("No voucher found with code '%(code)s'"),
    _("Please enter a voucher code"),
    _("No voucher found with id '%s'"),
    _("Voucher '%s' removed from basket"),
    # oscar/apps/catalogue/abstract_models.py
    _("Options"),
    _("Long description"),
    _("Meta title"),
    _("Meta description"),
    _("Exclude from menu"),
    _("Exclude this category from the menu."),
    _("Show this category in search results and catalogue listings."),
    _("Ancestor categories are public"),
    _("The ancestors of this category are public"),
    _("Category"),
    _("Categories"),
    pgettext_lazy("Product title", "Title"),
    _("The highest priority products are shown first"),
    _("Product type"),
    _("Attributes"),
    _("Recommended products"),
    _("Rating"),
    _("Code can be used to store a secondary unique identifier, when upc isn't sufficient"),
    pgettext_lazy("Product meta title", "Meta title"),
    pgettext_lazy("Product meta description", "Meta description"),
    _("Date"),
    _("Multi Option"),
    _("Type"),
    _('Select an option group if using type "Option" or "Multi Option"'),
    _("Required"),
    _("Product attributes"),
    _("Boolean attribute should not be required."),
    _("Must be str"),
    _("Must be a datetime"),
    _("Must be a list or AttributeOption queryset"),
    _("DateTime"),
    _("Value multi option"),
    pgettext_lazy("Product attribute value", "Yes"),
    pgettext_lazy("Product attribute value", "No"),
    _("Unique identifier"),
    _("Select"),
    _("Radio"),
    _("Multi select"),
    _("Checkbox"),
    _("Skip this option"),
    _("Is this option required?"),
    _("Help text"),
    _("Help text shown to the user on the add to basket form"),
    _("Ordering"),
    _("Controls the ordering of product options on product detail pages"),
    _("Option Group is required for type %s"),
    _("Option Group can not be used with type %s"),
    _("Product category hierarchy"),
    _("Product categories hierarchy"),
    # oscar/apps/catalogue/apps.py
    _("Catalogue"),
    # oscar/apps/catalogue/product_attributes.py
    _("%s is not a valid identifier, but attribute codes must be valid python identifiers"),
    # oscar/apps/checkout/forms.py
    _("My email address is"),
    _("I am a new customer and want to checkout as a guest"),
    _("I am a new customer and want to create an account before checking out"),
    _("I am a returning customer, and my password is"),
    _("A user with that email address already exists"),
    # oscar/apps/checkout/session.py
    _("You need to add some items to your basket to checkout"),
    _(
        "'%(title)s' is no longer available to buy (%(reason)s). Please adjust your basket to continue"
    ),
    _("Your previously chosen shipping address is no longer valid.  Please choose another one"),
    _("Please choose a shipping method"),
    _("Your previously chosen shipping method is no longer valid.  Please choose another one"),
    # oscar/apps/checkout/surcharges.py
    _("Percentage surcharge"),
    _("Flat surcharge"),
    # oscar/apps/checkout/views.py
    _("Create your account and then you will be redirected back to the checkout process"),
    _("Address saved"),
    _("Address deleted"),
    _("Shipping is unavailable for your chosen address - please choose another"),
    _("Your submitted shipping method is not permitted"),
    _(
        "A problem occurred while processing payment for this order - no payment has been taken.  Please contact customer services if this problem persists"
    ),
    _("A problem occurred while placing this order. Please contact customer services."),
    # oscar/apps/communication/abstract_models.py
    _("Notifications"),
    # oscar/apps/customer/abstract_models.py
    _("Users"),
    _("Closed"),
    # oscar/apps/customer/alerts/views.py
    _("Product Alerts"),
    # oscar/apps/customer/forms.py
    _("Email address"),
    _("Password"),
    _("The entered password is not valid!"),
    _("Confirm password"),
    _("The two password fields didn't match."),
    pgettext_lazy("start date", "From"),
    pgettext_lazy("end date", "To"),
    _("Order number"),
    _("At least one field is required."),
    _("All orders"),
    _(
        "Orders placed between %(date_from)s and %(date_to)s and order number containing %(order_number)s"
    ),
    _("Orders placed between %(date_from)s and %(date_to)s"),
    _("Orders placed since %(date_from)s and order number containing %(order_number)s"),
    _("Orders placed since %(date_from)s"),
    _("Orders placed until %(date_to)s and order number containing %(order_number)s"),
    _("Orders placed until %(date_to)s"),
    _("Orders with order number containing %(order_number)s"),
    _("A user with this email address already exists"),
    _("Send notification to"),
    _("Enter your email"),
    _("There is already an active stock alert for %s"),
    _(
        "%s has been sent a confirmation email for another product alert on this site. Please confirm or cancel that request before signing up for more alerts."
    ),
    _("You already have an active alert for this product"),
    # oscar/apps/customer/views.py
    _("Profile"),
    _("Delete profile"),
    _("Email History"),
    _("Order History"),
    _("Order"),
    _("Order not found"),
    _("Address Book"),
    _("Add a new address"),
    _("Edit address"),
    _("Delete address?"),
    # oscar/apps/customer/wishlists/views.py
    _("Wish Lists"),
    _(
        "The shared accounts won't be able to access your wishlist because the visiblity is set to private."
    ),
    _(
        "You have added shared accounts to your wishlist but the visiblity is public, this means everyone with a link has access to it."
    ),
    _("Create a new wish list"),
    _("Wish list '%(name)s' already containing '%(title)s'"),
    # oscar/apps/dashboard/apps.py
    _("Dashboard"),
    # oscar/apps/dashboard/catalogue/bulk_actions.py
    _("Public"),
    _("Non-public"),
    ngettext_lazy(
        "Public status was successfully updated to %(status)s for %(count)d record.",
        "Public status was successfully updated to %(status)s for %(count)d objects.",
        1,
    ),
    _("Make public"),
    _("Make non-public"),
    _("public"),
    _("non-public"),
    ngettext_lazy(
        "Public status was successfully updated to %(status)s for %(count)d product.",
        "Public status was successfully updated to %(status)s for %(count)d products.",
        1,
    ),
    _("Make products public"),
    _("Make products non-public"),
    _("Update product prices"),
    ngettext_lazy(
        "Price updated on %(count)d stockrecord.", "Price updated on %(count)d stockrecords.", 1
    ),
    # oscar/apps/dashboard/catalogue/forms.py
    _("Leave blank to generate from category name"),
    _("Leave blank to generate from product title"),
    _("An option group is required"),
    _("Select at least one product."),
    _("New price"),
    _("Set price to a specific amount."),
    _("Increase by amount"),
    _(
        "Adds a fixed amount to each product's current price. Use a negative value to decrease. E.g. 2.00 raises €10.00 to €12.00; -3.00 lowers it to €7.00. Prices will not go below €0.00."
    ),
    _("Increase by percentage"),
    _(
        "Adds a percentage of each product's current price. Use a negative value to decrease. E.g. 10 raises €10.00 to €11.00; -10 lowers it to €9.00. Prices will not go below €0.00."
    ),
    _("Partners"),
    _(
        "Select the partners whose stockrecords should be updated. Only stockrecords belonging to the selected partners will be changed."
    ),
    _("Only one of new price, increase by amount, or increase by percentage can be set at a time."),
    _(
        "Enter at least one specific price, or set a base price above. Products without a specific price will be skipped."
    ),
    # oscar/apps/dashboard/catalogue/tables.py
    _("Variants"),
    _("Stock records"),
    _("Actions"),
    _("Option summary"),
    ngettext_lazy("%s Attribute Option Group", "%s Attribute Option Groups", 1),
    ngettext_lazy("%s Option", "%s Options", 1),
    # oscar/apps/dashboard/catalogue/views.py
    _("Product Types"),
    _("Add a new Attribute Option Group"),
    _("Attribute Option Group created successfully"),
    _("Update Attribute Option Group '%s'"),
    _("Attribute Option Group updated successfully"),
    _("Delete Attribute Option Group '%s'"),
    _("%i product attributes are still assigned to this attribute option group"),
    _("Attribute Option Group deleted successfully"),
    _("Add a new Option"),
    _("Option created successfully"),
    _("Update Option '%s'"),
    _("Option updated successfully"),
    _("Delete Option '%s'"),
    _("%i products are still assigned to this option"),
    _("%i product classes are still assigned to this option"),
    _("Option deleted successfully"),
    # oscar/apps/dashboard/offers/forms.py
    _("Offer name"),
    # oscar/apps/dashboard/offers/reports.py
    _("Order total"),
    _("Cost"),
    # oscar/apps/dashboard/orders/forms.py
    _("Partner SKU"),
    # oscar/apps/dashboard/orders/views.py
    _("Date of purchase"),
    _("Number of items"),
    # oscar/apps/dashboard/partners/views.py
    _("Create new partner"),
    # oscar/apps/dashboard/reports/forms.py
    _("Download"),
    # oscar/apps/dashboard/reviews/views.py
    _("All reviews"),
    # oscar/apps/offer/abstract_models.py
    _("Ranges"),
    # oscar/apps/order/abstract_models.py
    _("Shipping charge (inc. tax)"),
    _("Shipping VAT rate code"),
    _("Old Status"),
    _("New Status"),
    _("Order Status Change"),
    _("Order Status Changes"),
    _("%(order)s has changed status from %(old_status)s to %(new_status)s"),
    _("Price (excl. tax)"),
    _("Amount"),
    _("Reference"),
    _("Payment Events"),
    _("Shipping Events"),
    _("Frequency"),
    _("Order discount"),
    _("Line discount (excl. tax)"),
    _("Order line discount"),
    _("Order line discounts"),
    _("Surcharge code"),
    _("Surcharge (inc. tax)"),
    _("Surcharge (excl. tax)"),
    _("Surcharge"),
    _("Surcharges"),
    # oscar/apps/partner/abstract_models.py
    _("Stock alerts"),
    # oscar/apps/partner/availability.py
    _("unavailable"),
    _("Unavailable"),
    _("Available"),
    _("no stock available"),
    _("a maximum of %(max)d can be bought"),
    _("In stock"),
    _("In stock (%d available)"),
    # oscar/apps/payment/abstract_models.py
    _("Transactions"),
    # oscar/apps/voucher/abstract_models.py
    _("Number of vouchers"),
    _("Length of Code"),
    _("VoucherSet"),
    _("VoucherSets"),
    _("Offers"),
    _("Voucher"),
    _("This voucher is not available for this basket"),
    # oscar/apps/wishlists/abstract_models.py
    _("Wish list shared email"),
    # oscar/apps/wishlists/views.py
    _("You must be logged in to view the wish list"),
    # oscar/defaults.py
    _("Low stock alerts"),
    _("Attribute Option Groups"),
    _("Fulfilment"),
    _("Stock alert requests"),
    _("Voucher Sets"),
    # oscar/templates/oscar/basket/messages/addition.html
    _("\n    <strong>%(title)s</strong> has been added to your basket.\n    "),
    _(
        "\n    <strong>%(quantity)s</strong> copies of <strong>%(title)s</strong>\n    have been added to your basket.\n    "
    ),
    # oscar/templates/oscar/basket/messages/line_restored.html
    _("\n<strong>%(title)s</strong> has been moved back to your basket.\n"),
    # oscar/templates/oscar/basket/messages/line_saved.html
    _("\n<strong>%(title)s</strong> has been saved for later\n"),
    # oscar/templates/oscar/basket/messages/new_total.html
    _("Your basket is now empty"),
    _("\n        Your basket total is now <strong>%(total)s</strong>\n        "),
    _("View basket"),
    # oscar/templates/oscar/basket/messages/offer_gained.html
    _("\nYour basket now qualifies for the \n<strong>%(name)s</strong> offer.\n"),
    # oscar/templates/oscar/basket/messages/offer_lost.html
    _("\nYour basket no longer qualifies for the\n<strong>%(name)s</strong> offer.\n"),
    # oscar/templates/oscar/basket/partials/basket_content.html
    _("Important messages about items in your basket"),
    _("You could be missing out on offers!"),
    _(
        '\n                <div class="warning">%(message)s to qualify for the <a href="%(url)s">%(offer_name)s</a> special offer</div>\n            '
    ),
    _("Items to buy now"),
    _("Remove"),
    _("Save for later"),
    _("I have a voucher code..."),
    _("Add voucher"),
    _("cancel"),
    _("Totals"),
    _("Your basket is empty."),
    _("Items to buy later"),
    _("Items"),
    _("Move to basket"),
    # oscar/templates/oscar/basket/partials/basket_totals.html
    _("Basket total (before discounts)"),
    _("Basket total (after discounts)"),
    _("Basket total"),
    _("Alternative shipping methods can be chosen during checkout"),
    _("Post order actions"),
    _("These will be applied once your order is placed."),
    _("Taxes will be added during checkout."),
    # oscar/templates/oscar/catalogue/browse.html
    _("Show results for"),
    _("Refine by"),
    ngettext_lazy(
        "\n                    <strong>%(num_results)s</strong> result - showing <strong>%(start)s</strong> to <strong>%(end)s</strong>.\n                ",
        "\n                    <strong>%(num_results)s</strong> results - showing <strong>%(start)s</strong> to <strong>%(end)s</strong>.\n                ",
        1,
    ),
    # oscar/templates/oscar/catalogue/category.html
    _("Edit this category"),
    # oscar/templates/oscar/catalogue/detail.html
    _("Variants:"),
    _("Product Description"),
    _("Product Type"),
    _("Price (incl. tax)"),
    _("Availability"),
    _(
        'This product does not have any reviews yet -\n                            <a href="%(add_review_url)s#addreview">be the first to write one</a>.\n                        '
    ),
    _("This product does not have any reviews yet"),
    _("Recommended items"),
    # oscar/templates/oscar/catalogue/partials/add_to_basket_form.html
    _("Add to basket"),
    _("You have an active stock alert for this product."),
    _("You can get an email alert when this product is back in stock."),
    _("Notify me"),
    # oscar/templates/oscar/catalogue/partials/add_to_wishlist.html
    _(
        "\n                                        Add to '%(name)s' wish list\n                                    "
    ),
    _("Create a new wishlist"),
    _(
        '\n                    <span class="float-left">Product is in <a href="%(url)s">\'%(name)s\'</a> wishlist.</span>\n                '
    ),
    # oscar/templates/oscar/catalogue/partials/gallery.html
    _("Previous"),
    _("Next"),
    # oscar/templates/oscar/catalogue/partials/review.html
    _("\n                Reviewed by you on %(review_date)s\n                "),
    _(
        "\n                    Reviewed by <strong>%(name)s</strong> on %(review_date)s\n                "
    ),
    _("Permalink"),
    _("Is this review helpful?"),
    ngettext_lazy(
        "\n            <strong>%(num_up_votes)s</strong> of %(num_votes)s customer found this useful\n            ",
        "\n            <strong>%(num_up_votes)s</strong> of %(num_votes)s customers found this useful\n            ",
        1,
    ),
    _("This review has no votes."),
    # oscar/templates/oscar/catalogue/reviews/partials/review_stars.html
    _("Write a review"),
    # oscar/templates/oscar/catalogue/reviews/review_form.html
    _("Leave a product review"),
    _("Save review"),
    # oscar/templates/oscar/catalogue/reviews/review_list.html
    _("Go"),
    _("This product does not have any reviews yet."),
    # oscar/templates/oscar/checkout/checkout.html
    _("Payment details to go here"),
    _("Item"),
    # oscar/templates/oscar/checkout/gateway.html
    _("Get a password reminder"),
    _("Continuing..."),
    # oscar/templates/oscar/checkout/nav.html
    _("4. Preview"),
    # oscar/templates/oscar/checkout/preview.html
    _("Order preview"),
    _("Preview order"),
    # oscar/templates/oscar/checkout/shipping_address.html
    _("Where should we ship to?"),
    _("An address from your address book?"),
    _("return to basket"),
    # oscar/templates/oscar/checkout/shipping_methods.html
    _(
        "\n                                This includes a discount of <strong>%(amount)s</strong> as\n                                your basket qualifies for the <strong>%(name)s</strong> offer.\n                            "
    ),
    # oscar/templates/oscar/checkout/thank_you.html
    _(
        "\n        Your order has been placed and a confirmation email has been sent - your order number is\n        <strong>%(number)s</strong>.\n        "
    ),
    _(
        "Please make a note of this reference or print this page and quote it in any communication with us regarding your order."
    ),
    _("No shipping address required."),
    _(
        "\n                                Allocation of %(amount)s from type %(type)s (reference: %(reference)s)\n                            "
    ),
    _(
        "\n                                Allocation of %(amount)s from type %(type)s\n                            "
    ),
    _("No payment was required for this order."),
    _("Items purchased"),
    _("Tracking your order"),
    _("You can track the status of your order"),
    # oscar/templates/oscar/communication/emails/commtype_email_changed_body.html
    _(
        "You're receiving this email because your email address has been changed to <strong>%(email)s</strong>."
    ),
    _("Reset password"),
    # oscar/templates/oscar/communication/emails/commtype_order_placed_body.html
    _(
        "We are pleased to confirm your order %(order_number)s has been received and\n        will be processed shortly."
    ),
    _(
        'You can view the status of this order by clicking <a href="%(absolute_status_url)s" title="order status">here</a>'
    ),
    # oscar/templates/oscar/communication/emails/commtype_order_placed_body.txt
    _("You can view the status of this order at the below URL:\n%(absolute_status_url)s"),
    # oscar/templates/oscar/communication/emails/commtype_password_changed_body.html
    _("You're receiving this e-mail because your password has been changed at %(name)s."),
    # oscar/templates/oscar/communication/emails/commtype_product_alert_body.html
    _(
        "\n            We are happy to inform you that our product '%(title)s' is back in stock:\n            %(url)s\n        "
    ),
    _(
        "\n                Beware that the amount of items in stock is limited. Be quick or someone might get there first.\n            "
    ),
    _(
        "\n            With this email we have disabled your alert automatically and you will not\n            receive any further email regarding this product.\n        "
    ),
    # oscar/templates/oscar/communication/emails/commtype_product_alert_body.txt
    _("\nWe are happy to inform you that our product '%(title)s' is back in stock:\n%(url)s\n"),
    # oscar/templates/oscar/communication/emails/commtype_product_alert_confirmation_body.html
    _(
        "\n        Hello,\n        <p>\n            Somebody (hopefully you) has requested an email alert when '%(title)s' is back in stock.\n            Please click the following link to confirm: %(confirm_url)s\n        </p>\n        <p>\n            You can cancel this alert at any time by clicking the following link: %(cancel_url)s\n        </p>\n\n        <p>\n            Thanks for your interest,\n            The %(site)s Team\n        </p>\n    "
    ),
    # oscar/templates/oscar/communication/emails/commtype_product_alert_confirmation_body.txt
    _(
        "\nHello,\n\nSomebody (hopefully you) has requested an email alert when\n'%(title)s' is back in stock.  Please click the following link\nto confirm: %(confirm_url)s\n\nYou can cancel this alert at any time by clicking the following link:\n%(cancel_url)s\n\nThanks for your interest,\nThe %(site)s Team\n"
    ),
    # oscar/templates/oscar/communication/emails/commtype_product_alert_subject.txt
    _("%(title)s is back in stock"),
    # oscar/templates/oscar/customer/alerts/alert_list.html
    _("You do not have any active alerts for out-of-stock products."),
    _("Cancel"),
    # oscar/templates/oscar/customer/alerts/message.html
    _('\n<a href="%(url)s">%(title)s</a> is back in stock\n'),
    # oscar/templates/oscar/customer/alerts/message_subject.html
    _("\n%(title)s is back in stock\n"),
    # oscar/templates/oscar/customer/anon_order.html
    _("Contact number"),
    _("Notes"),
    _("Line price excl. tax"),
    _("Line price incl. tax"),
    _("Basket total (inc. tax)"),
    # oscar/templates/oscar/customer/anon_order_form.html
    _("Enter the following information you used for this order"),
    _("Submit"),
    # oscar/templates/oscar/customer/history/recently_viewed_products.html
    _("Products you recently viewed"),
    # oscar/templates/oscar/customer/login_registration.html
    _("I've forgotten my password"),
    # oscar/templates/oscar/customer/order/order_detail.html
    pgettext_lazy("Buy again", "Re-ordering..."),
    pgettext_lazy("Buy again", "Re-order"),
    _("Not available anymore"),
    _("Basket total (excl. discounts)"),
    _("Basket total (inc. discounts)"),
    _("Shipping total (excl. discounts)"),
    _("Shipping total (inc. discounts)"),
    _("Shipping total"),
    pgettext_lazy("Buy again", "Re-order all items"),
    _("Contact Number"),
    _("Shipping Notes"),
    # oscar/templates/oscar/customer/order/order_list.html
    _("Reset"),
    _("Total inc tax"),
    _("You haven't placed any orders."),
    # oscar/templates/oscar/customer/profile/profile.html
    _("Change password"),
    # oscar/templates/oscar/customer/profile/profile_delete.html
    _(
        "\n                This will delete all information about you from the site.  Deleting your profile cannot be\n                undone.\n            "
    ),
    # oscar/templates/oscar/customer/wishlists/wishlists_delete.html
    _("\n                Are you sure you want to delete %(name)s?\n            "),
    # oscar/templates/oscar/customer/wishlists/wishlists_delete_product.html
    _(
        "\n                Are you sure you want to delete %(product_name)s from wish list %(wishlist_name)s?\n            "
    ),
    # oscar/templates/oscar/customer/wishlists/wishlists_detail.html
    _("Action"),
    _(
        "\n                                                            Move to '%(name)s' wish list\n                                                        "
    ),
    # oscar/templates/oscar/customer/wishlists/wishlists_form.html
    _("What should your new wish list be called?"),
    _("Share wishlist"),
    _(
        "If you want to share your wishlist with others, you can add their email addresses below. The visibility must be set to shared in order for this to work."
    ),
    # oscar/templates/oscar/customer/wishlists/wishlists_list.html
    _("Copy sharing link"),
    _("You don't have any wish lists yet."),
    # oscar/templates/oscar/dashboard/catalogue/attribute_option_group_delete.html
    _("Create Attribute Option Group"),
    _("Attribute Option Group"),
    _("Delete Attribute Option Group?"),
    _(
        "Please make sure all Product Attributes are assigned to another Attribute Option Group before deletion."
    ),
    _("Delete Attribute Option Group"),
    _("Delete Attribute Option Group <strong>%(name)s</strong> - are you sure?"),
    # oscar/templates/oscar/dashboard/catalogue/attribute_option_group_form.html
    _("Attribute Option Group details"),
    _("Attribute Options"),
    # oscar/templates/oscar/dashboard/catalogue/attribute_option_group_list.html
    _("Create new Attribute Option Group"),
    _("No Attribute Option Groups found."),
    # oscar/templates/oscar/dashboard/catalogue/attribute_option_group_row_actions.html
    _("Edit Attribute Option Group"),
    # oscar/templates/oscar/dashboard/catalogue/category_delete.html
    _("\n            <p>Delete category <strong>%(name)s</strong> - are you sure?</p>\n        "),
    # oscar/templates/oscar/dashboard/catalogue/category_form.html
    _("Category details"),
    _("Search engine optimisation"),
    _("View on site"),
    # oscar/templates/oscar/dashboard/catalogue/category_list.html
    _("Create new category"),
    _("Search Categories"),
    _("Searching..."),
    _("No categories found."),
    # oscar/templates/oscar/dashboard/catalogue/category_row_actions.html
    _("Edit children"),
    # oscar/templates/oscar/dashboard/catalogue/category_table.html
    _("Bulk Actions"),
    _("With selected categories:"),
    _("Go!"),
    # oscar/templates/oscar/dashboard/catalogue/option_delete.html
    _("Create Option"),
    _("Delete Option?"),
    _("Please make sure option is not assigned to Products or Product Classes before deletion."),
    _("Delete Option"),
    _("Delete Option <strong>%(name)s</strong> - are you sure?"),
    # oscar/templates/oscar/dashboard/catalogue/option_form.html
    _("Option details"),
    # oscar/templates/oscar/dashboard/catalogue/option_list.html
    _("Create new Option"),
    _("No Option found."),
    # oscar/templates/oscar/dashboard/catalogue/option_row_actions.html
    _("Edit Option"),
    # oscar/templates/oscar/dashboard/catalogue/product_bulk_action.html
    _("Confirm variant action"),
    _("Confirm action"),
    _("Action parameters"),
    _("Select all visible standalones"),
    _("Select all standalones"),
    _("All %(count)s selected."),
    _("Select all %(count)s standalones"),
    _("Select all visible parents"),
    _("Select all parents"),
    _("Select all %(count)s parents"),
    _("Select all visible variants"),
    _("Select all variants"),
    _("Select all %(count)s variants"),
    _("Stockrecords"),
    _("Currently public"),
    _("variants"),
    _("Select / deselect all variants"),
    _("No products."),
    _('And %(count)s more product(s) not shown. Use "Select all" above to include them.'),
    # oscar/templates/oscar/dashboard/catalogue/product_bulk_action_set_price.html
    _(
        "This action will update <strong>all existing stockrecords</strong> of each selected product within the selected partners."
    ),
    _("Lowest current price"),
    _("Specific price"),
    # oscar/templates/oscar/dashboard/catalogue/product_class_delete.html
    _("Delete product type <strong>%(name)s</strong> - are you sure?"),
    # oscar/templates/oscar/dashboard/catalogue/product_class_form.html
    _("Product Class details"),
    # oscar/templates/oscar/dashboard/catalogue/product_class_list.html
    _("Requires shipping"),
    # oscar/templates/oscar/dashboard/catalogue/product_delete.html
    _(
        "\n                    Delete product variant <strong>%(title)s</strong> - are you sure?\n                "
    ),
    _(
        "\n                    Delete product <strong>%(title)s</strong> - are you sure?\n                "
    ),
    _("This will also delete the following variants:"),
    # oscar/templates/oscar/dashboard/catalogue/product_list.html
    _("Create new product"),
    _("choose action"),
    _("Processing..."),
    # oscar/templates/oscar/dashboard/catalogue/product_update.html
    _("Upselling"),
    _("Product Type:"),
    _("Upload, change or remove images"),
    _(
        "Drag images to re-order them. Space for additional images will appear when images are added."
    ),
    _("Num in stock"),
    _("Num allocated"),
    _("One can't add variants to this product at this point."),
    _("Please save the product before trying to add variants."),
    _("This is likely because this product still has stock records."),
    _("Save and add another variant"),
    # oscar/templates/oscar/dashboard/catalogue/stockalert_list.html
    _("Current available stock"),
    _("Date alert raised"),
    _("No stock alerts found."),
    # oscar/templates/oscar/dashboard/index.html
    _("Your Store Statistics"),
    _("Latest Orders (last 24 hours)"),
    _("Orders - Last 24 Hours"),
    _("Average order costs"),
    _("Orders - All Time"),
    _("Total <em>open</em> baskets"),
    _("New customers"),
    _("View Stock Alerts"),
    _("Catalogue and stock"),
    _("<em>Open</em> stock alerts"),
    _("<em>Closed</em> stock alerts"),
    _("Offers, vouchers"),
    _("Active <em>%(offer_type)s</em> Offers"),
    _("Active <em>Vouchers</em>"),
    # oscar/templates/oscar/dashboard/intermediate_bulk_action.html
    _("Confirm"),
    _("I understand this action cannot be undone and I am absolutely sure I want to execute it"),
    _("Apply"),
    # oscar/templates/oscar/dashboard/layout.html
    _("Return to site"),
    # oscar/templates/oscar/dashboard/login.html
    _("Please enter a correct username and password. Note that both fields may be case-sensitive."),
    _("Login"),
    # oscar/templates/oscar/dashboard/orders/line_detail.html
    _("Partner reference number"),
    _("Partner notes"),
    _("State"),
    _("No shipping events have occurred."),
    _("No payment events have occurred."),
    # oscar/templates/oscar/dashboard/orders/order_detail.html
    _("Customer checked out as a guest."),
    _("Line ID"),
    _("Supplier SKU"),
    _("Price excl tax (before discounts)"),
    _("Price inc tax (before discounts)"),
    _("Surcharge %(name)s"),
    _("Change line status to"),
    _("with reference"),
    _("This order can't have its status changed."),
    _("Status Changes"),
    _("From"),
    _("To"),
    _("No status changes."),
    _(
        "\n                                                                %(title)s (quantity %(event_qty)s/%(total_qty)s)\n                                                            "
    ),
    _("No shipping events."),
    _("No payment events."),
    _("Method name"),
    _("Method code"),
    _("Charge (incl tax)"),
    _("Amount debited"),
    _("Admin"),
    _("No notes available."),
    _("Save note"),
    _("Notes are only editable for 5 minutes after being saved."),
    # oscar/templates/oscar/dashboard/orders/order_list.html
    _("Order Search Results"),
    _("Download selected orders as a CSV"),
    _("Changing..."),
    # oscar/templates/oscar/dashboard/orders/statistics.html
    _("Order statistics"),
    _("Summary"),
    _("Order status breakdown"),
    # oscar/templates/oscar/dashboard/partials/bulk_actions.html
    _(
        '<span class="selected-records">0</span> of <span class="page-records-count">%(count)s</span> selected'
    ),
    _("All %(count)s selected"),
    _("Click here to select the objects across all pages"),
    _("\n                            Select all %(count)s %(module)s\n                        "),
    _("Clear selection"),
    # oscar/templates/oscar/dashboard/partials/form_fields.html
    _("Oops! We found some errors"),
    _("please check the error messages below and try again"),
    # oscar/templates/oscar/dashboard/partials/pagination.html
    _("previous"),
    _("\n                        Page %(page_num)s of %(total_pages)s\n                    "),
    _("next"),
    # oscar/templates/oscar/dashboard/partials/product_images.html
    pgettext_lazy("Change the sequence order", "Re-order"),
    # oscar/templates/oscar/dashboard/partners/messages/user_unlinked.html
    _("\nUser %(user_name)s was unlinked from %(partner_name)s.\n"),
    _("Undo"),
    # oscar/templates/oscar/dashboard/partners/partner_list.html
    _("Edit the user's details"),
    _("No users associated."),
    _("Link an existing user"),
    # oscar/templates/oscar/dashboard/partners/partner_user_select.html
    _("Link user"),
    # oscar/templates/oscar/order/partials/basket_totals.html
    _("Shipping charge (before discounts)"),
    _("Shipping charge (after discounts)"),
    _("Order tax"),
    # oscar/templates/oscar/partials/nav_primary.html
    _("\n                        Total: %(total)s\n                    "),
    _("Browse store"),
    # oscar/templates/oscar/registration/password_reset_complete.html
    _("Password reset complete"),
    _("Password reset"),
    _("Your password has been set.  You may go ahead and log in now."),
    # oscar/templates/oscar/registration/password_reset_confirm.html
    _("Please enter your new password twice so we can verify you typed it in correctly."),
    _("Change my password"),
    _("Password reset unsuccessful"),
    _(
        "The password reset link was invalid, possibly because it has already been used.  Please request a new password reset."
    ),
    # oscar/templates/oscar/registration/password_reset_done.html
    _("Password reset email sent"),
    _("Email sent"),
    _(
        "\n        We've e-mailed you instructions for resetting your password. You should be receiving it shortly.\n    "
    ),
    _(
        "\n        If you don't receive an email, please make sure you've entered the address you registered with, and check\n        your spam folder.\n    "
    ),
    # oscar/templates/oscar/registration/password_reset_form.html
    _(
        "Forgotten your password? Enter your e-mail address below, and we'll e-mail instructions for setting a new one."
    ),
    _("Send reset email"),
    # oscar/templates/oscar/wishlists/wishlist_detail.html
    _("This wish list is empty."),
    # oscar/views/generic.py
    _(
        "Too many %(object)ss selected (%(count)d). Narrow your selection to %(limit)d or fewer and try again."
    ),
    _("No pending bulk action. Please select items and try again."),
)
